package dev.bookstore.examples.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an enum constant by its lower-case name ({@code -} for {@code _}), listing the choices otherwise. */
abstract class LowerCaseEnum<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseEnum(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equalsIgnoreCase(value.trim()) || e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                .map(LowerCaseEnum::name).collect(Collectors.joining(", ")));
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package dev.bookstore.model.generator;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Marks a {@link LocalDate} record component to be (de)serialised by Jackson as an ISO
 * {@code yyyy-MM-dd} string without needing the jsr310 module.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({
    ElementType.FIELD,
    ElementType.METHOD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT
})
@JacksonAnnotationsInside
@JsonSerialize(using = ToStringSerializer.class)
@JsonDeserialize(using = IsoDate.Deserializer.class)
@interface IsoDate {

    /** Parses {@code yyyy-MM-dd}. */
    final class Deserializer extends StdDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                return (LocalDate)
                        ctxt.handleWeirdStringValue(LocalDate.class, text, "expected an ISO date yyyy-MM-dd");
            }
        }
    }
}

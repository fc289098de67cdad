package dev.bookstore.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project's one JSON convention, as a Jackson builder: {@link MetricsReport#toJson()} (the CLI's {@code --json})
 * and the HTTP service both build their mapper from {@link #builder()}, so a value reads the same everywhere.
 * <ul>
 *   <li>field names in snake_case (record components by their snake_case names: {@code customer_id});</li>
 *   <li>enum constants by their lower-case names ({@code PRODUCT_VIEW} → {@code product_view});</li>
 *   <li>durations as seconds (fractional to the millisecond) under the field's name with {@code _seconds} added
 *       ({@code window} → {@code "window_seconds": 86400});</li>
 *   <li>days and months as ISO text ({@code 2024-03-31}, {@code 2024-03}), instants as ISO-8601 UTC;</li>
 *   <li>money ({@code BigDecimal}) as a plain JSON number, exactly as computed;</li>
 *   <li>an empty {@code Optional} as an absent field.</li>
 * </ul>
 * The metrics result records are written with their derived values (average order value, rates, conversion) and
 * without ranges repeated from the request; see {@link MetricsReport} for the rules. No result type depends on
 * Jackson: the rules are mix-ins.
 */
public final class JsonConventions {
    private JsonConventions() {
    }

    /** A new builder with the convention; callers add their own features (indentation, strict parsing). */
    public static JsonMapper.Builder builder() {
        return ReportJson.mixIns(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new Jdk8Module())
                .addModule(values()));
    }

    /** The lower-case snake_case word of an enum constant ({@code ITEM_KNN} → {@code item_knn}). */
    public static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Days, months and instants as ISO text, durations as seconds under a {@code _seconds} key, enums in lower case. */
    private static SimpleModule values() {
        SimpleModule m = new SimpleModule("bookstore-json-values");
        m.addSerializer(LocalDate.class, ToStringSerializer.instance);
        m.addSerializer(YearMonth.class, ToStringSerializer.instance);
        m.addSerializer(Instant.class, ToStringSerializer.instance);
        m.addSerializer(Duration.class, new SecondsSerializer());
        m.addSerializer(Enum.class, new LowerCaseEnumSerializer());
        m.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                List<BeanPropertyWriter> out = new ArrayList<>(properties.size());
                for (BeanPropertyWriter p : properties) {
                    out.add(isDuration(p.getType()) ? p.rename(NameTransformer.simpleTransformer("", "_seconds")) : p);
                }
                return out;
            }
        });
        return m;
    }

    private static boolean isDuration(JavaType type) {
        return type.hasRawClass(Duration.class)
                || type.isReferenceType() && type.getContentType().hasRawClass(Duration.class);
    }

    /** A duration as seconds, fractional to the millisecond. */
    private static final class SecondsSerializer extends StdSerializer<Duration> {
        SecondsSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeNumber(BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString());
        }
    }

    /** An enum constant by its lower-case name ({@code PRODUCT_VIEW} → {@code product_view}). */
    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnumSerializer extends StdSerializer<Enum> {
        LowerCaseEnumSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum e, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(word(e));
        }
    }
}

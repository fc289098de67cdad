package dev.bookstore.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON form of {@link MetricsReport} through Jackson: the result records as they are (record components by
 * their snake_case names), with their derived values added and repeated ranges left out by mix-ins, so no result
 * type depends on Jackson. The rules are written on {@link MetricsReport}.
 */
final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new Jdk8Module())
            .addModule(values())
            .addMixIn(MetricsReport.class, ReportMixIn.class)
            .addMixIn(SalesSummary.class, SalesSummaryMixIn.class)
            .addMixIn(SegmentSales.class, AverageOrderValueMixIn.class)
            .addMixIn(CustomerValue.class, AverageOrderValueMixIn.class)
            .addMixIn(NewVsReturning.class, NewVsReturningMixIn.class)
            .addMixIn(ChannelPerformance.class, ChannelMixIn.class)
            .addMixIn(Conversion.class, RateMixIn.class)
            .addMixIn(ViewToPurchase.class, RateMixIn.class)
            .addMixIn(ViewToPurchase.ProductConversion.class, RateMixIn.class)
            .addMixIn(SearchTerm.class, SearchTermMixIn.class)
            .addMixIn(SessionStats.class, SessionStatsMixIn.class)
            .addMixIn(LowStockItem.class, LowStockItemMixIn.class)
            .addMixIn(FunnelResult.class, FunnelResultMixIn.class)
            .addMixIn(Funnel.class, FunnelMixIn.class)
            .build();

    private ReportJson() {
    }

    static String write(MetricsReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the metrics report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Days and months as ISO text, durations as seconds under a {@code _seconds} key, enums in lower case. */
    private static SimpleModule values() {
        SimpleModule m = new SimpleModule("bookstore-metrics-values");
        m.addSerializer(LocalDate.class, ToStringSerializer.instance);
        m.addSerializer(YearMonth.class, ToStringSerializer.instance);
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
            g.writeString(e.name().toLowerCase(Locale.ROOT));
        }
    }

    // ------------------------------------------------------------------ mix-ins: derived values in, ranges out

    private abstract static class ReportMixIn {
        @JsonProperty
        abstract LocalDate asOf();
    }

    private abstract static class SalesSummaryMixIn {
        @JsonIgnore
        abstract DateRange range();

        @JsonProperty
        abstract Optional<BigDecimal> averageOrderValue();
    }

    private abstract static class AverageOrderValueMixIn {
        @JsonProperty
        abstract Optional<BigDecimal> averageOrderValue();
    }

    private abstract static class NewVsReturningMixIn {
        @JsonProperty
        abstract double newCustomerRevenueShare();
    }

    private abstract static class ChannelMixIn {
        @JsonProperty
        abstract double conversionRate();
    }

    private abstract static class RateMixIn {
        @JsonProperty
        abstract double rate();
    }

    private abstract static class SearchTermMixIn {
        @JsonProperty
        abstract double purchaseRate();
    }

    private abstract static class SessionStatsMixIn {
        @JsonProperty
        abstract Optional<Duration> averageDuration();

        @JsonProperty
        abstract double pagesPerSession();

        @JsonProperty
        abstract double eventsPerSession();

        @JsonProperty
        abstract double bounceRate();
    }

    private abstract static class LowStockItemMixIn {
        @JsonProperty
        abstract double dailyVelocity();

        @JsonProperty
        abstract Optional<Double> daysOfCover();
    }

    private abstract static class FunnelResultMixIn {
        @JsonIgnore
        abstract DateRange range();

        @JsonProperty
        abstract double conversion();
    }

    private abstract static class FunnelMixIn {
        @JsonProperty("definition")
        public abstract String toString();
    }
}

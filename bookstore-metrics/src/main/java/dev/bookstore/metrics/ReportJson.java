package dev.bookstore.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The JSON form of {@link MetricsReport} through Jackson, in the project's {@link JsonConventions}: the result
 * records as they are (record components by their snake_case names), with their derived values added and repeated
 * ranges left out by mix-ins, so no result type depends on Jackson. The rules are written on {@link MetricsReport}.
 */
final class ReportJson {
    private static final ObjectMapper MAPPER = JsonConventions.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
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

    /** The result records' mix-ins: derived values in, ranges repeated from the request out. */
    static JsonMapper.Builder mixIns(JsonMapper.Builder b) {
        return b.addMixIn(MetricsReport.class, ReportMixIn.class)
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
                .addMixIn(Funnel.class, FunnelMixIn.class);
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

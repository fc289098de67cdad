package dev.bookstore.model.sql;

/** Calendar units for date truncation; weeks start on Monday (ISO 8601). */
public enum DateUnit {
    /** A calendar day. */
    DAY,
    /** An ISO week, Monday to Sunday. */
    WEEK,
    /** A calendar month. */
    MONTH,
    /** A calendar quarter (January, April, July, October). */
    QUARTER,
    /** A calendar year. */
    YEAR
}

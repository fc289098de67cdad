package dev.bookstore.etl;

import java.util.List;

/**
 * A reference-data source in the generator's CSV format (customers, products): one key column, its own rules, and
 * the latest load wins ({@link #latestWins()}): a row whose key is already loaded updates it when a value changed
 * and is a duplicate when nothing did.
 *
 * @param <T> the typed row
 */
abstract class ReferencePlan<T> extends CsvPlan<T> {
    private final SourceKind kind;
    private final List<Column> format;
    private final List<String> columns;
    private final NaturalKey key;
    private final List<Rule<T>> rules;

    ReferencePlan(LoadContext ctx, SourceKind kind, List<Column> format, Column key, List<Rule<T>> rules) {
        super(ctx);
        this.kind = kind;
        this.format = List.copyOf(format);
        this.columns = format.stream().map(Column::name).toList();
        this.key = NaturalKey.of(key.name());
        this.rules = List.copyOf(rules);
    }

    @Override
    public final SourceKind kind() {
        return kind;
    }

    @Override
    public final String format() {
        return "bookstore";
    }

    @Override
    final List<Column> formatColumns() {
        return format;
    }

    @Override
    public final NaturalKey naturalKey() {
        return key;
    }

    @Override
    public final boolean latestWins() {
        return true;
    }

    @Override
    public final List<String> columns() {
        return columns;
    }

    @Override
    public final List<Rule<T>> rules() {
        return rules;
    }
}

package dev.bookstore.etl;

import static dev.bookstore.etl.Column.optional;
import static dev.bookstore.etl.Column.required;

import dev.bookstore.model.Customer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Customers in the generator's format ({@code raw_customers.csv}) into {@code raw.customers}. Natural key:
 * {@code customer_id}; the latest load wins ({@link #latestWins()}): a customer already loaded is updated when any
 * value changed (a move to another city becomes a new version of {@code dim_customers} at the next transform), and
 * is a duplicate when nothing changed.
 */
final class CustomersPlan extends ReferencePlan<Customer> {
    static final Column CUSTOMER_ID = required("customer_id", 64);
    static final Column EMAIL = required("email", 320);
    static final Column FIRST_NAME = required("first_name", 100);
    static final Column LAST_NAME = required("last_name", 100);
    static final Column REGISTRATION_DATE = required("registration_date", 0);
    static final Column CITY = required("city", 100);
    static final Column STATE = optional("state", 100);
    static final Column COUNTRY = required("country", 100);
    static final Column ACQUISITION_CHANNEL = optional("acquisition_channel", 32);

    private static final List<Column> FORMAT = List.of(CUSTOMER_ID, EMAIL, FIRST_NAME, LAST_NAME, REGISTRATION_DATE,
            CITY, STATE, COUNTRY, ACQUISITION_CHANNEL);

    CustomersPlan(LoadContext ctx) {
        super(ctx, SourceKind.CUSTOMERS, FORMAT, CUSTOMER_ID, List.of(
                Rule.when("future_date", Severity.ERROR, c -> c.registrationDate().isAfter(ctx.today()),
                        c -> "registration_date " + c.registrationDate() + " is in the future (today is "
                                + ctx.today() + " in " + ctx.zone() + ")")));
    }

    @Override
    Customer parse(Fields f) {
        String id = f.text(CUSTOMER_ID);
        String email = f.text(EMAIL);
        String first = f.text(FIRST_NAME);
        String last = f.text(LAST_NAME);
        LocalDate registered = f.date(REGISTRATION_DATE);
        String city = f.text(CITY);
        Optional<String> state = f.optionalText(STATE);
        String country = f.text(COUNTRY);
        Optional<String> channel = f.optionalText(ACQUISITION_CHANNEL);
        if (f.failed()) {
            return null;
        }
        return new Customer(id, email, first, last, registered, city, state, country, channel);
    }

    /** The file columns of a model customer, as text. */
    static Map<String, String> fields(Customer c) {
        Map<String, String> m = new HashMap<>();
        m.put(CUSTOMER_ID.name(), c.customerId());
        m.put(EMAIL.name(), c.email());
        m.put(FIRST_NAME.name(), c.firstName());
        m.put(LAST_NAME.name(), c.lastName());
        m.put(REGISTRATION_DATE.name(), c.registrationDate().toString());
        m.put(CITY.name(), c.city());
        c.state().ifPresent(v -> m.put(STATE.name(), v));
        m.put(COUNTRY.name(), c.country());
        c.acquisitionChannel().ifPresent(v -> m.put(ACQUISITION_CHANNEL.name(), v));
        return m;
    }

    @Override
    public Object[] values(Customer c) {
        return new Object[] {c.customerId(), c.email(), c.firstName(), c.lastName(), c.registrationDate(), c.city(),
            c.state(), c.country(), c.acquisitionChannel()};
    }
}

package dev.bookstore.model.generator;

import dev.bookstore.model.EventType;
import dev.bookstore.model.OrderStatus;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed vocabularies and planted parameters of the synthetic bookstore; event types and order statuses are the
 * model's own ({@link EventType}, {@link OrderStatus}).
 *
 * <p>Everything here is a constant array or list (never a hash-based collection) so that iteration order
 * is fixed and the generated data is byte-for-byte reproducible.
 */
final class Catalog {

    private Catalog() {}

    static final String COUNTRY = "United Kingdom";
    static final String TIME_ZONE = "Europe/London";

    // ---------------------------------------------------------------- channels
    static final String[] CHANNELS = {
        "organic_search", "paid_search", "social", "email", "direct", "referral"
    };
    static final int EMAIL = 3;
    /** Acquisition channel weights of customers (also used for "random" order/session channels). */
    static final double[] CHANNEL_WEIGHTS = {0.30, 0.18, 0.15, 0.12, 0.17, 0.08};
    /** Probability that an order is placed through the customer's acquisition channel. */
    static final double ORDER_CHANNEL_IS_ACQUISITION = 0.75;
    /** Probability that a session comes through the customer's acquisition channel. */
    static final double SESSION_CHANNEL_IS_ACQUISITION = 0.70;

    /** Funnel step names, in order; the rates below are per channel in this order. */
    static final String[] FUNNEL_STEPS = {
        "session_to_product_view",
        "product_view_to_add_to_cart",
        "add_to_cart_to_checkout",
        "checkout_to_purchase"
    };
    /** [channel][step] conditional step rates of the session funnel. */
    static final double[][] FUNNEL_RATES = {
        {0.62, 0.30, 0.60, 0.78}, // organic_search
        {0.70, 0.34, 0.62, 0.80}, // paid_search
        {0.45, 0.18, 0.50, 0.62}, // social
        {0.75, 0.42, 0.70, 0.85}, // email
        {0.66, 0.36, 0.66, 0.82}, // direct
        {0.55, 0.26, 0.55, 0.72}, // referral
    };

    static final String[] DEVICES = {"desktop", "mobile", "tablet"};
    static final double[] DEVICE_WEIGHTS = {0.42, 0.48, 0.10};

    static final String[] PAYMENT_METHODS = {"credit_card", "debit_card", "paypal", "gift_card"};
    static final double[] PAYMENT_WEIGHTS = {0.45, 0.30, 0.20, 0.05};

    // ---------------------------------------------------------------- orders
    /**
     * The statuses an order can get, in the manifest's order of {@code status_counts}; an order stores its status
     * as the ordinal of {@link OrderStatus} (a byte).
     */
    static final List<OrderStatus> STATUSES = List.of(OrderStatus.DELIVERED, OrderStatus.SHIPPED,
            OrderStatus.PENDING, OrderStatus.CANCELLED, OrderStatus.RETURNED);
    /** {@link OrderStatus#code()} by ordinal, for the writer's hot loop. */
    static final String[] STATUS_CODES = Arrays.stream(OrderStatus.values()).map(OrderStatus::code)
            .toArray(String[]::new);
    static final double CANCEL_PROBABILITY = 0.03;
    static final double RETURN_PROBABILITY = 0.05;
    /** P(ship delay = i days), i = 0..3. */
    static final double[] SHIP_DELAY = {0.25, 0.40, 0.25, 0.10};
    /** P(delivery delay = i + 1 days after shipping), i = 0..4. */
    static final double[] DELIVERY_DELAY = {0.20, 0.35, 0.25, 0.12, 0.08};
    /** P(lines per order = i + 1) before co-purchase additions. */
    static final double[] LINES_PER_ORDER = {0.55, 0.25, 0.12, 0.05, 0.03};
    /** Hard cap of lines per order including co-purchase additions. */
    static final int MAX_LINES_PER_ORDER = 8;
    /** P(quantity = i + 1). */
    static final double[] QUANTITY = {0.85, 0.11, 0.04};
    static final double SHIP_TO_HOME_CITY = 0.92;

    // ---------------------------------------------------------------- seasonality
    /** Monday..Sunday multipliers (sum 7). */
    static final double[] WEEKDAY_MULTIPLIERS = {1.05, 1.00, 1.00, 1.02, 0.95, 0.85, 1.13};
    /** January..December multipliers (sum 12), December peak. */
    static final double[] MONTH_MULTIPLIERS = {
        0.85, 0.80, 0.90, 0.92, 0.95, 0.90, 0.92, 0.95, 0.91, 1.05, 1.25, 1.60
    };
    /** Relative weight of each Europe/London local hour 0..23 for orders and session starts. */
    static final double[] HOUR_WEIGHTS = {
        0.60, 0.35, 0.20, 0.15, 0.15, 0.25, 0.50, 1.00, 1.60, 2.00, 2.30, 2.60,
        3.00, 2.90, 2.60, 2.50, 2.60, 2.90, 3.30, 3.80, 4.00, 3.40, 2.30, 1.30
    };

    // ---------------------------------------------------------------- customers
    static final String[] CLASSES = {"loyal", "occasional", "churning"};
    static final int LOYAL = 0;
    static final int OCCASIONAL = 1;
    static final int CHURNING = 2;
    static final double[] CLASS_SHARES = {0.15, 0.60, 0.25};
    /** Relative order intensity per class (churning: only while active). */
    static final double[] CLASS_ORDER_WEIGHTS = {8.0, 1.0, 5.0};
    /** Relative session intensity per class (churning: before the churn date). */
    static final double[] CLASS_SESSION_WEIGHTS = {5.0, 1.0, 4.0};
    /** Acceptance of a churned customer's session after the churn date (engagement drop-off). */
    static final double CHURNED_SESSION_FACTOR = 0.10;
    /** Share of loyal/occasional customers registered before the window start. */
    static final double EXISTING_SHARE = 0.60;
    /** Share of churning customers registered before the window start. */
    static final double EXISTING_SHARE_CHURNING = 0.70;
    /** Existing customers registered up to this many days before start. */
    static final int EXISTING_MAX_AGE_DAYS = 3 * 365;
    /** Churning customers not existing register within this leading fraction of the window. */
    static final double CHURNING_REGISTRATION_FRACTION = 0.25;
    /** Churn date = active start + U[min,max) * window length (capped at the window end). */
    static final double CHURN_AFTER_MIN = 0.10;
    static final double CHURN_AFTER_MAX = 0.50;
    /** Probability that an order line's/viewed product comes from a preferred category. */
    static final double PREFERRED_CATEGORY_PROBABILITY = 0.65;
    /** Probability that a customer has a second preferred category. */
    static final double SECOND_CATEGORY_PROBABILITY = 0.40;

    static final String CHURN_RULE =
            "churning customers are active from max(registration_date, start) until a churn date ="
                    + " active start + U[0.10, 0.50) * window length (capped at the window end); they place"
                    + " no orders on or after the churn date and their session rate drops to 10%."
                    + " 70% of churning customers registered before start, the rest in the first 25% of the"
                    + " window. Orders are assigned to active registered customers with weight loyal 8,"
                    + " occasional 1, churning 5; sessions with weight loyal 5, occasional 1, churning 4.";

    // ---------------------------------------------------------------- geography
    static final String[] CITIES = {
        "London", "Birmingham", "Manchester", "Leeds", "Glasgow", "Sheffield", "Liverpool",
        "Edinburgh", "Bristol", "Cardiff", "Leicester", "Nottingham", "Newcastle", "Southampton",
        "Brighton", "Belfast", "Oxford", "Cambridge", "Coventry", "Bradford", "Plymouth", "Aberdeen",
        "Norwich", "York", "Swansea"
    };
    static final String[] STATES = {
        "Greater London", "West Midlands", "Greater Manchester", "West Yorkshire", "Scotland",
        "South Yorkshire", "Merseyside", "Scotland", "South West", "Wales", "East Midlands",
        "East Midlands", "Tyne and Wear", "South East", "South East", "Northern Ireland", "South East",
        "East of England", "West Midlands", "West Yorkshire", "South West", "Scotland",
        "East of England", "North Yorkshire", "Wales"
    };
    static final double[] CITY_WEIGHTS = {
        45, 11.5, 5.5, 8.0, 6.3, 5.6, 5.0, 5.3, 4.7, 3.6, 3.7, 3.3, 3.0, 2.5, 2.9, 3.4, 1.6, 1.5, 3.5,
        3.6, 2.6, 2.0, 1.4, 2.0, 2.4
    };

    // ---------------------------------------------------------------- products
    static final String[] CATEGORIES = {
        "Fiction", "Non-Fiction", "Children", "Education", "Comics & Graphic Novels", "Lifestyle"
    };
    static final String[] CATEGORY_SLUGS = {
        "fiction", "non-fiction", "children", "education", "comics-graphic-novels", "lifestyle"
    };
    static final String[][] SUBCATEGORIES = {
        {"Literary Fiction", "Mystery", "Thriller", "Romance", "Science Fiction", "Fantasy",
            "Historical Fiction"},
        {"Biography", "History", "Science", "Self-Help", "Business", "Travel", "True Crime"},
        {"Picture Books", "Young Adult", "Middle Grade", "Early Readers"},
        {"Textbooks", "Reference", "Languages", "Test Prep"},
        {"Manga", "Superheroes", "Graphic Memoir"},
        {"Cookbooks", "Health & Fitness", "Home & Garden", "Crafts & Hobbies"},
    };
    static final double[] CATEGORY_WEIGHTS = {35, 25, 15, 8, 7, 10};
    /** Price range per category in pence; prices are min + k * 50p (so they end in .99 or .49). */
    static final int[] PRICE_MIN = {799, 999, 499, 1499, 699, 999};
    static final int[] PRICE_MAX = {1999, 2999, 1499, 4999, 2499, 3499};
    static final double POPULARITY_ZIPF = 1.0;
    static final double LOW_STOCK_SHARE = 0.02;
    static final int LOW_STOCK_THRESHOLD = 10;
    static final int CO_PURCHASE_PAIRS = 50;
    static final double CO_PURCHASE_MIN = 0.25;
    static final double CO_PURCHASE_MAX = 0.60;

    // ---------------------------------------------------------------- clickstream
    /** The event types by index: an event stores its type as the ordinal of {@link EventType} (a byte). */
    static final EventType[] EVENT_TYPES = EventType.values();
    static final int SESSION_GAP_MINUTES = 30;
    static final double SEARCH_ENTRY_PROBABILITY = 0.25;

    static final String[] PAGES = {
        "/home", "/deals", "/bestsellers", "/new-releases", "/gift-cards", "/category/fiction",
        "/category/non-fiction", "/category/children", "/category/education",
        "/category/comics-graphic-novels", "/category/lifestyle", "/account", "/help"
    };
    static final double[] PAGE_WEIGHTS = {40, 10, 10, 8, 2, 9, 7, 4, 2, 2, 3, 2, 1};
    static final int DEALS_PAGE = 1;

    static final double SEARCH_ZIPF = 1.1;
    /** Search vocabulary in planted popularity order (rank 1 first). */
    static final String[] SEARCH_TERMS = {
        "fantasy", "crime fiction", "cookbook", "thriller", "romance", "biography", "self help",
        "science fiction", "children's books", "history", "young adult", "gift ideas", "manga",
        "poetry", "travel guide", "learn spanish", "gardening", "true crime", "picture books",
        "business", "\"the quiet garden\"", "bestsellers 2025", "historical fiction", "graphic novel",
        "exam revision", "baking", "philosophy", "space", "mindfulness", "detective series",
        "book club picks", "classic novels", "short stories", "world war", "dinosaurs",
        "python programming", "caf\u00e9 recipes", "french dictionary", "mythology", "art history",
        "running", "vegan cooking", "puzzle books", "horror", "memoir", "economics", "climate",
        "knitting", "astronomy", "first words", "maths gcse", "learn japanese", "bedtime stories",
        "sci-fi classics", "sourdough", "leadership", "sleep", "wildlife", "tarot", "origami"
    };

    // ---------------------------------------------------------------- names & words
    static final String[] FIRST_NAMES = {
        "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo",
        "Lily", "Arthur", "Isabella", "Muhammad", "Rosie", "Oscar", "Sophia", "Charlie", "Grace",
        "Jacob", "Freya", "Thomas", "Florence", "Henry", "Emily", "William", "Ella", "James", "Poppy",
        "Alfie", "Evie", "Joshua", "Charlotte", "Freddie", "Sienna", "Archie", "Daisy", "Ethan",
        "Phoebe", "Isaac", "Alice", "Alexander", "Matilda", "Joseph", "Sofia", "Samuel", "Chlo\u00e9",
        "Daniel", "Zo\u00eb", "Logan", "Si\u00e2n", "Edward", "Aoife", "Lucas", "Priya", "Max", "Ana\u00efs",
        "Finley", "Niamh", "Rory", "Hannah", "Owen", "Ruby", "Callum", "Eilidh", "Rhys", "Seren",
        "Aarav", "Fatima", "Kwame", "Yusuf", "Mei", "Tom\u00e1s", "Ren\u00e9e", "Declan"
    };
    static final String[] LAST_NAMES = {
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Thomas", "Clarke", "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper",
        "Hill", "Ward", "Hughes", "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee",
        "Allen", "Morris", "Khan", "Scott", "Watson", "Davis", "Parker", "James", "Bennett", "Young",
        "Phillips", "Richardson", "Mitchell", "Bailey", "Carter", "Cook", "Singh", "Shaw", "Bell",
        "Collins", "Morgan", "Kelly", "Begum", "O'Brien", "O'Neill", "MacDonald", "McKenzie",
        "Fraser", "Campbell", "Nowak", "Kowalski", "Okafor", "Mensah", "Ahmed", "Chen", "Nguyen",
        "Fern\u00e1ndez", "Br\u00fcckner", "Smith-Jones", "Lloyd", "Price", "Pryce", "Murphy"
    };
    static final String[] INITIALS = {"A.", "B.", "C.", "D.", "E.", "J.", "K.", "L.", "M.", "R."};

    static final String[] ADJECTIVES = {
        "Silent", "Hidden", "Last", "Forgotten", "Golden", "Broken", "Secret", "Midnight", "Lost",
        "Wild", "Quiet", "Burning", "Distant", "Crimson", "Winter", "Summer", "Paper", "Glass", "Iron",
        "Velvet", "Hollow", "Bright", "Little", "Long", "Final", "Northern", "Empty", "Borrowed",
        "Invisible", "Restless", "Salt", "Starlit"
    };
    static final String[] NOUNS = {
        "Garden", "River", "House", "Letter", "Island", "Kingdom", "Promise", "Shadow", "Harbour",
        "Orchard", "Lighthouse", "Library", "Mirror", "Crown", "Storm", "Journey", "Key", "Map",
        "Witness", "Stranger", "Daughter", "Clockmaker", "Cartographer", "Voyage", "Tide", "Forest",
        "Bridge", "Station", "Engine", "Archive", "Moth", "Fox"
    };
    static final String[] PLACES = {
        "London", "Paris", "Venice", "the North", "Kyoto", "the Highlands", "Cornwall", "Vienna",
        "Lagos", "Oxford", "the Fens", "Brighton", "Lisbon", "the Moor"
    };
    static final String[] SUBJECTS = {
        "Britain", "the Ocean", "the Brain", "Money", "Sleep", "Habits", "Leadership", "the Universe",
        "Empire", "Food", "Medicine", "Mathematics", "Trains", "Islands", "Maps", "Time", "Trees",
        "Language", "Cities", "Power"
    };
    static final String[] TOPICS = {
        "Algebra", "Chemistry", "Spanish", "French", "Statistics", "Biology", "Physics", "Economics",
        "German", "Accounting", "English Grammar", "Geography", "Japanese", "Calculus"
    };
    static final String[] CREATURES = {
        "Bear", "Owl", "Dragon", "Rabbit", "Tiger", "Penguin", "Robot", "Giant", "Mouse", "Whale"
    };
    static final String[] FOODS = {
        "Soup", "Bread", "Curry", "Pasta", "Salad", "Cake", "Noodles", "Pie", "Tagine", "Dumplings"
    };
}

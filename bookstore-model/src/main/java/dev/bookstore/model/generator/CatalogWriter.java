package dev.bookstore.model.generator;

import static dev.bookstore.model.generator.Catalog.*;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/** Writes {@code raw_products.csv} and {@code raw_customers.csv} (text drawn from word lists). */
final class CatalogWriter {

    static final String PRODUCTS_HEADER =
            "product_id,title,author,category,subcategory,price,rating,stock";
    static final String CUSTOMERS_HEADER =
            "customer_id,email,first_name,last_name,registration_date,city,state,country,"
                    + "acquisition_channel";

    private CatalogWriter() {}

    /** Returns the number of data rows written. */
    static long writeProducts(World w, Path file) throws IOException {
        SplittableRandom rng = w.productTextRng;
        StringBuilder sb = new StringBuilder(256);
        try (TextOut out = new TextOut(file)) {
            out.line(PRODUCTS_HEADER);
            for (int i = 0; i < w.productCount; i++) {
                int c = w.productCategory[i];
                sb.setLength(0);
                sb.append("BOOK_").append(i + 1).append(',');
                Fmt.csv(sb, title(rng, c));
                sb.append(',');
                Fmt.csv(sb, author(rng));
                sb.append(',');
                Fmt.csv(sb, CATEGORIES[c]);
                sb.append(',');
                Fmt.csv(sb, SUBCATEGORIES[c][w.productSubcategory[i]]);
                sb.append(',');
                Fmt.price(sb, w.pricePence[i]);
                long tenths = StrictMath.round(41 + 5 * Sampler.gaussian(rng));
                tenths = Math.max(10, Math.min(50, tenths));
                sb.append(',').append(tenths / 10).append('.').append(tenths % 10);
                sb.append(',').append(w.stock[i]);
                out.line(sb);
            }
            return out.lines() - 1;
        }
    }

    /** Returns the number of data rows written. */
    static long writeCustomers(World w, Path file) throws IOException {
        SplittableRandom rng = w.customerTextRng;
        String[] firstSlug = slugs(FIRST_NAMES);
        String[] lastSlug = slugs(LAST_NAMES);
        StringBuilder sb = new StringBuilder(256);
        try (TextOut out = new TextOut(file)) {
            out.line(CUSTOMERS_HEADER);
            for (int i = 0; i < w.customerCount; i++) {
                int f = rng.nextInt(FIRST_NAMES.length);
                int l = rng.nextInt(LAST_NAMES.length);
                sb.setLength(0);
                sb.append("CUST_").append(i + 1).append(',');
                sb.append(firstSlug[f]).append('.').append(lastSlug[l]).append(i + 1);
                sb.append("@example.com,");
                Fmt.csv(sb, FIRST_NAMES[f]);
                sb.append(',');
                Fmt.csv(sb, LAST_NAMES[l]);
                sb.append(',');
                Fmt.date(sb, w.registrationDay[i]);
                int city = w.homeCity[i];
                sb.append(',');
                Fmt.csv(sb, CITIES[city]);
                sb.append(',');
                Fmt.csv(sb, STATES[city]);
                sb.append(',').append(COUNTRY);
                sb.append(',').append(CHANNELS[w.acquisitionChannel[i]]);
                out.line(sb);
            }
            return out.lines() - 1;
        }
    }

    /** Lower-case ASCII e-mail local part of a name: accents stripped, other symbols dropped. */
    static String slug(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String[] slugs(String[] names) {
        String[] s = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            s[i] = slug(names[i]);
        }
        return s;
    }

    private static String pick(SplittableRandom rng, String[] words) {
        return words[rng.nextInt(words.length)];
    }

    static String author(SplittableRandom rng) {
        String first = pick(rng, FIRST_NAMES);
        String last = pick(rng, LAST_NAMES);
        if (rng.nextInt(100) < 15) {
            return first + " " + pick(rng, INITIALS) + " " + last;
        }
        return first + " " + last;
    }

    /** A plausible title for a book of category {@code c}; some contain commas or quotes. */
    static String title(SplittableRandom rng, int c) {
        int pattern = rng.nextInt(6);
        switch (CATEGORIES[c]) {
            case "Fiction":
                return switch (pattern) {
                    case 0 -> "The " + pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS);
                    case 1 -> "The " + pick(rng, NOUNS) + " of " + pick(rng, PLACES);
                    case 2 -> "A " + pick(rng, NOUNS) + " in " + pick(rng, PLACES);
                    case 3 -> "The " + pick(rng, NOUNS) + "'s " + pick(rng, NOUNS);
                    case 4 -> pick(rng, NOUNS) + ", " + pick(rng, NOUNS) + " and " + pick(rng, NOUNS);
                    default -> "\"" + pick(rng, ADJECTIVES) + "\" and Other Stories";
                };
            case "Non-Fiction":
                return switch (pattern) {
                    case 0 -> pick(rng, SUBJECTS) + ": A Short History";
                    case 1 -> "The " + pick(rng, ADJECTIVES) + " Guide to " + pick(rng, SUBJECTS);
                    case 2 -> "Why " + pick(rng, SUBJECTS) + " Matters";
                    case 3 -> pick(rng, SUBJECTS) + ", Explained";
                    case 4 -> "A Life in " + pick(rng, PLACES);
                    default -> pick(rng, SUBJECTS) + ", " + pick(rng, SUBJECTS) + " and Everything Else";
                };
            case "Children":
                return switch (pattern) {
                    case 0 -> "The Little " + pick(rng, CREATURES);
                    case 1 -> pick(rng, FIRST_NAMES) + " and the " + pick(rng, ADJECTIVES) + " "
                            + pick(rng, CREATURES);
                    case 2 -> "Where Is the " + pick(rng, CREATURES) + "?";
                    case 3 -> "Goodnight, " + pick(rng, CREATURES);
                    case 4 -> "The " + pick(rng, CREATURES) + " Who Lost Their " + pick(rng, NOUNS);
                    default -> "Ten " + pick(rng, ADJECTIVES) + " " + pick(rng, CREATURES) + "s";
                };
            case "Education":
                return switch (pattern) {
                    case 0 -> pick(rng, TOPICS) + " for Beginners";
                    case 1 -> "Introduction to " + pick(rng, TOPICS);
                    case 2 -> pick(rng, TOPICS) + ": Essential Exercises, Level " + (1 + rng.nextInt(4));
                    case 3 -> "Complete " + pick(rng, TOPICS) + " Course";
                    case 4 -> "The " + pick(rng, TOPICS) + " Handbook (" + (2 + rng.nextInt(8)) + "th ed.)";
                    default -> "Revise " + pick(rng, TOPICS);
                };
            case "Comics & Graphic Novels":
                return switch (pattern) {
                    case 0, 1 -> pick(rng, NOUNS) + " Vol. " + (1 + rng.nextInt(12));
                    case 2, 3 -> "The " + pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + ": Book "
                            + (1 + rng.nextInt(5));
                    default -> pick(rng, CREATURES) + " Squad";
                };
            default:
                return switch (pattern) {
                    case 0 -> pick(rng, FOODS) + " Every Day";
                    case 1 -> "The " + pick(rng, ADJECTIVES) + " Kitchen";
                    case 2 -> (10 + rng.nextInt(90)) + " Ways with " + pick(rng, FOODS);
                    case 3 -> "Home, Garden and " + pick(rng, NOUNS);
                    case 4 -> "The " + pick(rng, ADJECTIVES) + " Allotment";
                    default -> "Simple " + pick(rng, FOODS);
                };
        }
    }
}

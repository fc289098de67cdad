package dev.bookstore.model.testing;

import dev.bookstore.model.Warehouse;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The JUnit 5 extension behind {@link EachDatabase}: one invocation per database, isolated and cleaned up. */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EachDatabase.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        EachDatabase each = context.getRequiredTestMethod().getAnnotation(EachDatabase.class);
        return Stream.concat(Arrays.stream(each.value()), Arrays.stream(each.also())).distinct().map(Invocation::new);
    }

    private record Invocation(DatabaseKind kind) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(kind));
        }
    }

    private static final class Resolver implements ParameterResolver, BeforeEachCallback, AfterTestExecutionCallback {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DatabaseExtension.class);
        private final DatabaseKind kind;

        Resolver(DatabaseKind kind) {
            this.kind = kind;
        }

        @Override
        public void beforeEach(ExtensionContext e) {
            kind.unreachable().ifPresent(DatabaseKind::unavailable);
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == TestDatabase.class || type == Warehouse.class || type == DatabaseKind.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            if (type == DatabaseKind.class) {
                return kind;
            }
            TestDatabase db = e.getStore(NS).getOrComputeIfAbsent("db", k -> new TestDatabase(kind),
                    TestDatabase.class);
            return type == TestDatabase.class ? db : db.warehouse();
        }

        @Override
        public void afterTestExecution(ExtensionContext e) throws Exception {
            TestDatabase db = e.getStore(NS).remove("db", TestDatabase.class);
            if (db != null) {
                db.close();
            }
        }
    }
}

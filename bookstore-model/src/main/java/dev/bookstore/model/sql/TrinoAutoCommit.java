package dev.bookstore.model.sql;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections that never leave auto-commit mode, for Trino connectors (Iceberg among them) that write only in
 * auto-commit mode: {@code setAutoCommit(false)} is remembered but not passed on, {@code commit()} and
 * {@code rollback()} do nothing, so code written for transactions runs statement by statement. Nothing can be rolled
 * back: the callers' steps are idempotent instead (see {@link TrinoDialect}).
 */
final class TrinoAutoCommit {
    private TrinoAutoCommit() {
    }

    static DataSource dataSource(DataSource delegate) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(delegate.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return connection(delegate.getConnection(user, password));
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return delegate.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                delegate.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                delegate.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return delegate.getLoginTimeout();
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                return delegate.getParentLogger();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return type.isInstance(delegate) || delegate.isWrapperFor(type);
            }
        };
    }

    static Connection connection(Connection delegate) {
        boolean[] autoCommit = {true};
        return (Connection) Proxy.newProxyInstance(TrinoAutoCommit.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setAutoCommit":
                            autoCommit[0] = (Boolean) args[0];
                            return null;
                        case "getAutoCommit":
                            return autoCommit[0];
                        case "commit", "rollback", "releaseSavepoint":
                            return null;
                        case "unwrap":
                            return ((Class<?>) args[0]).isInstance(delegate) ? delegate : method.invoke(delegate, args);
                        default:
                            try {
                                return method.invoke(delegate, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }
}

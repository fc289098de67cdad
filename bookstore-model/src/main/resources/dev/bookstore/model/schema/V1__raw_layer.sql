-- Version 1: the raw layer, one table per source kind, typed and validated by ingest.
-- Placeholders: ${raw:orders} is the physical table name (schema raw, or prefix raw_ on MariaDB),
-- ${type:...} the dialect's type. Instants are stored as UTC in ${type:timestamp}; *_date columns are
-- business days in the reporting zone recorded in meta.settings.
-- Lineage on every row: source_name (file or source id), source_line (1-based line in the source), load_id.

CREATE TABLE IF NOT EXISTS ${raw:customers} (
    customer_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    email               VARCHAR(320) NOT NULL,
    first_name          VARCHAR(100) NOT NULL,
    last_name           VARCHAR(100) NOT NULL,
    registration_date   DATE         NOT NULL,
    city                VARCHAR(100) NOT NULL,
    state               VARCHAR(100),
    country             VARCHAR(100) NOT NULL,
    acquisition_channel VARCHAR(32),
    source_name         VARCHAR(300) NOT NULL,
    source_line         BIGINT       NOT NULL,
    load_id             VARCHAR(40)  NOT NULL
);

CREATE TABLE IF NOT EXISTS ${raw:products} (
    product_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    title        VARCHAR(500) NOT NULL,
    author       VARCHAR(200) NOT NULL,
    category     VARCHAR(100) NOT NULL,
    subcategory  VARCHAR(100) NOT NULL,
    price        ${type:money} NOT NULL,
    rating       DECIMAL(3,1),
    stock        INTEGER      NOT NULL,
    source_name  VARCHAR(300) NOT NULL,
    source_line  BIGINT       NOT NULL,
    load_id      VARCHAR(40)  NOT NULL
);

-- One row per order line. line_no numbers the lines of an order in source order, so that Online Retail
-- invoices that list the same stock code twice keep both lines.
CREATE TABLE IF NOT EXISTS ${raw:orders} (
    order_id         VARCHAR(64)  NOT NULL,
    line_no          INTEGER      NOT NULL,
    customer_id      VARCHAR(64),
    order_date       DATE         NOT NULL,
    product_id       VARCHAR(64)  NOT NULL,
    quantity         INTEGER      NOT NULL,
    unit_price       ${type:money} NOT NULL,
    payment_method   VARCHAR(32),
    status           VARCHAR(16)  NOT NULL,
    ordered_at       ${type:timestamp},
    channel          VARCHAR(32),
    shipping_city    VARCHAR(100),
    shipping_state   VARCHAR(100),
    shipping_country VARCHAR(100),
    shipped_date     DATE,
    delivered_date   DATE,
    source_name      VARCHAR(300) NOT NULL,
    source_line      BIGINT       NOT NULL,
    load_id          VARCHAR(40)  NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE IF NOT EXISTS ${raw:events} (
    event_type   VARCHAR(20)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    session_id   VARCHAR(64),
    event_time   ${type:timestamp} NOT NULL,
    event_date   DATE         NOT NULL,
    page         VARCHAR(500),
    search_query VARCHAR(500),
    product_id   VARCHAR(64),
    channel      VARCHAR(32),
    device       VARCHAR(16),
    source_name  VARCHAR(300) NOT NULL,
    source_line  BIGINT       NOT NULL,
    load_id      VARCHAR(40)  NOT NULL
);

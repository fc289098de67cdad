-- The stream consumers' positions (KafkaStream): per consumer group and topic partition, the offset of the next
-- record to load. Written in the same transaction as the rows of each batch, so the warehouse, not Kafka, knows
-- how far each partition was loaded.
CREATE TABLE IF NOT EXISTS ${meta:stream_offsets} (
    consumer_group  VARCHAR(255) NOT NULL,
    topic           VARCHAR(255) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    next_offset     BIGINT       NOT NULL,
    load_id         VARCHAR(40)  NOT NULL,
    updated_at      ${type:timestamp} NOT NULL,
    PRIMARY KEY (consumer_group, topic, kafka_partition)
)

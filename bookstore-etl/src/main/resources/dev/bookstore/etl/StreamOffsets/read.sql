-- The stored position of every partition a consumer group has loaded.
SELECT topic, kafka_partition, next_offset, load_id
FROM ${meta:stream_offsets}
WHERE consumer_group = :consumer_group

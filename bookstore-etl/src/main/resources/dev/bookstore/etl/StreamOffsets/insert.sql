-- The first position of a partition (the primary key refuses a second consumer doing the same).
INSERT INTO ${meta:stream_offsets} (consumer_group, topic, kafka_partition, next_offset, load_id, updated_at)
VALUES (:consumer_group, :topic, :kafka_partition, :next_offset, :load_id, :updated_at)

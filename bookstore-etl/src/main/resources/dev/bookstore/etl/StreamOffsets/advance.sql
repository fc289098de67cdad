-- Moves a partition's position forward, only from the position this consumer read (a fence: 0 rows updated means
-- another consumer loaded the partition meanwhile).
UPDATE ${meta:stream_offsets}
SET next_offset = :next_offset, load_id = :load_id, updated_at = :updated_at
WHERE consumer_group = :consumer_group AND topic = :topic AND kafka_partition = :kafka_partition
  AND next_offset = :expected_offset

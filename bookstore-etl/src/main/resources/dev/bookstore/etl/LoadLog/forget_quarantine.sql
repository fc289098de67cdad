-- the rows an earlier load of this orders content quarantined, before the content is read (and validated) again
DELETE FROM ${raw:orders_quarantine} WHERE load_id = :load_id AND source_name = :source_name

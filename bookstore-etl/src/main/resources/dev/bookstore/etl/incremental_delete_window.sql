-- An incremental run: the stored rows of the window, about to be replaced.
DELETE FROM {{table}} WHERE {{date_column}} >= :window_start

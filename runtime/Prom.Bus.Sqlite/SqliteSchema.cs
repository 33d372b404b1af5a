namespace Prom.Bus.Sqlite;

/// <summary>
/// DDL of the store. Column names avoid SQL keywords (<c>part</c>, <c>offs</c>, <c>grp</c>). The tables mirror the
/// documents a MongoDB store would keep (<c>events</c>, <c>cursors</c>, <c>deliveries</c>, <c>members</c>).
/// <para><c>bus_cursors.claimed</c> is the highest offset the group ever leased in the partition. Invariant: every
/// existing record in (watermark, claimed] has a delivery row, and no record above claimed has one. So a claim reads
/// redeliverable rows from <c>bus_deliveries</c> (a primary-key range over the rows above the watermark: the open
/// window of the group, not the log) and fresh records strictly above <c>max(watermark, claimed)</c> from
/// <c>bus_events</c>.</para>
/// <para>Version 1 files had an index <c>bus_deliveries_due</c>; the query planner never used it for the claim (the
/// primary-key range also gives offset order), while every lease, ack and watermark advance paid for maintaining it, so
/// opening a file drops it.</para>
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS bus_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bus_topics(
            name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, retention_ms INTEGER, compacted INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bus_partitions(
            topic TEXT NOT NULL, part INTEGER NOT NULL, next_offs INTEGER NOT NULL, PRIMARY KEY(topic, part)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bus_events(
            topic TEXT NOT NULL, part INTEGER NOT NULL, offs INTEGER NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL,
            key TEXT, headers TEXT, payload BLOB NOT NULL, sid TEXT, caused_by TEXT, tags TEXT,
            PRIMARY KEY(topic, part, offs));
        CREATE UNIQUE INDEX IF NOT EXISTS bus_events_id ON bus_events(id);
        CREATE INDEX IF NOT EXISTS bus_events_ts ON bus_events(topic, part, ts);
        CREATE INDEX IF NOT EXISTS bus_events_key ON bus_events(topic, key) WHERE key IS NOT NULL;
        CREATE TABLE IF NOT EXISTS bus_cursors(
            topic TEXT NOT NULL, grp TEXT NOT NULL, part INTEGER NOT NULL, watermark INTEGER NOT NULL,
            claimed INTEGER NOT NULL, PRIMARY KEY(topic, grp, part)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bus_deliveries(
            topic TEXT NOT NULL, grp TEXT NOT NULL, part INTEGER NOT NULL, offs INTEGER NOT NULL,
            attempts INTEGER NOT NULL, owner TEXT, lease_until INTEGER NOT NULL, visible_at INTEGER NOT NULL,
            settled INTEGER NOT NULL, last_error TEXT, PRIMARY KEY(topic, grp, part, offs)) WITHOUT ROWID;
        DROP INDEX IF EXISTS bus_deliveries_due;
        CREATE TABLE IF NOT EXISTS bus_members(
            topic TEXT NOT NULL, grp TEXT NOT NULL, member TEXT NOT NULL, ordered INTEGER NOT NULL,
            expires_at INTEGER NOT NULL, PRIMARY KEY(topic, grp, member)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS bus_processed(key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO bus_meta(name, value) VALUES('schema_version', '1');
        """;
}

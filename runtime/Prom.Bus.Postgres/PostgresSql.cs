namespace Prom.Bus.Postgres;

/// <summary>
/// Every statement of the store, with the schema name filled in once. Positional parameters; the comments say what
/// each one relies on (see <see cref="PostgresSchema"/> for the tables and the <c>claimed</c> invariant).
/// <para>Plans that do not depend on the statistics. The statements are auto-prepared, and after five runs PostgreSQL
/// may keep a generic plan until the next ANALYZE. <c>deliveries</c> and <c>cursors</c> are small and churn, so whatever
/// their statistics say (never analyzed, or analyzed between two bursts when they were nearly empty), the planner
/// believes a group-partition has about one delivery row, and then it is free to leave key columns out of the index
/// condition: auto_explain of the end-to-end benchmark (session 14, docs/benchmarks.md) found the fast claim's due check
/// planned as an anti join that rescanned every delivery row of the group for each cursor (943 of its 1,028 buffers),
/// the ack advance's LEFT JOIN rescanning the partition's delivery rows per record it walked, and <c>offs = ANY($4)</c>
/// as a filter over every row of the partition. So lookups of delivery rows are written in shapes that have one
/// sensible plan: a scalar subquery (a SubPlan, never pulled up into a join) keyed by the whole primary key or a
/// prefix plus a range, and <c>= ANY(array)</c> bounded by the array's least and greatest (<see cref="InRange"/>).</para>
/// </summary>
internal sealed class PostgresSql
{
    /// <summary>
    /// Around the id lookup of a publish (<see cref="FindIds"/>), reset by <see cref="DefaultSeqScan"/> after it.
    /// Statements are prepared per connection (<c>Max Auto Prepare</c>), and after five runs PostgreSQL may switch a
    /// prepared statement to a generic plan, kept until the next ANALYZE of the table. One made while <c>events</c> looked
    /// empty (a new schema, a table ANALYZEd empty) seq-scans once the table has grown (EXPLAIN on 200,000 rows: 140 ms
    /// instead of 0.45 ms; PublishBatch of 100 records 26-34 ms instead of 3.6-4.9 ms). With seq scans off, every plan of the
    /// lookup (custom or generic, whenever it is made) uses the <c>events_id</c> index. <c>plan_cache_mode =
    /// force_custom_plan</c> fixes it too but costs a fresh plan per publish: a batch of 1,000 took 55-57 ms instead of
    /// 29 ms (docs/benchmarks.md). Only the lookup: the INSERT has no scan to get wrong.
    /// </summary>
    public const string NoSeqScan = "SET LOCAL enable_seqscan = off";

    /// <summary>After the lookup: back to the session's setting (the server default unless the role or database sets another).</summary>
    public const string DefaultSeqScan = "SET LOCAL enable_seqscan TO DEFAULT";

    /// <summary>Record columns in the order <c>PostgresRows.ReadRecord</c> reads them (alias <c>e</c>).</summary>
    public const string RecordColumns = "e.part, e.offs, e.id, e.ts, e.key, e.headers::text, e.payload, e.sid, e.caused_by, e.tags, e.topic";

    /// <summary>
    /// <paramref name="column"/> between the least and greatest element of the array parameter <paramref name="array"/>:
    /// two InitPlan bounds, which the planner always turns into index conditions, in front of an <c>= ANY(array)</c>
    /// that it may leave as a filter (see the class remarks).
    /// </summary>
    private static string InRange(string array, string column = "offs") =>
        $"{column} BETWEEN (SELECT min(u.x) FROM unnest({array}) AS u(x)) AND (SELECT max(u.x) FROM unnest({array}) AS u(x))";

    public PostgresSql(string schema)
    {
        string s = schema;

        // Whether the delivery row of a record is settled, as a scalar subquery keyed by the whole primary key (see the
        // class remarks: a LEFT JOIN here was planned as a rescan of the partition's delivery rows per record).
        string settledAt(string part, string offs) =>
            $"COALESCE((SELECT d.settled FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2 AND d.part={part} AND d.offs={offs}), false)";
        Channel = ("pb_" + schema).Length > 63 ? ("pb_" + schema)[..63] : "pb_" + schema;
        FindTopic = $"SELECT name, partitions, retention_ms, compacted FROM {s}.topics WHERE name=$1";
        ListTopics = $"SELECT name, partitions, retention_ms, compacted FROM {s}.topics ORDER BY name COLLATE \"C\"";
        InsertTopic = $"INSERT INTO {s}.topics(name, partitions, retention_ms, compacted) VALUES($1, $2, $3, $4) ON CONFLICT(name) DO NOTHING";
        InsertPartitions = $"INSERT INTO {s}.partitions(topic, part, next_offs) SELECT $1, g, 1 FROM generate_series(0, $2 - 1) g ON CONFLICT DO NOTHING";

        // Offset allocation: the row lock taken by this UPDATE is held to commit, so publishers of one partition (in any
        // process) take their offset ranges one after the other, and a rolled-back append gives its range back.
        AllocateOffsets = $"UPDATE {s}.partitions SET next_offs=next_offs+$3 WHERE topic=$1 AND part=$2 RETURNING next_offs-$3";
        Head = $"SELECT next_offs-1 FROM {s}.partitions WHERE topic=$1 AND part=$2";
        Heads = $"SELECT next_offs-1 FROM {s}.partitions WHERE topic=$1 ORDER BY part";
        ListGroups = $"SELECT DISTINCT grp COLLATE \"C\" FROM {s}.cursors WHERE topic=$1 ORDER BY 1";
        FindIds = $"SELECT {RecordColumns} FROM {s}.events e WHERE e.id = ANY($1)";
        InsertEventValues = $"INSERT INTO {s}.events(topic, part, offs, id, ts, key, headers, payload, sid, caused_by, tags) VALUES ";
        Notify = "SELECT pg_notify($1, $2)";
        Read = $"SELECT {RecordColumns} FROM {s}.events e WHERE e.topic=$1 AND e.part=$2 AND e.offs>=$3 ORDER BY e.offs LIMIT $4";
        FindById = $"SELECT {RecordColumns} FROM {s}.events e WHERE e.id=$1";
        FindRecord = $"SELECT {RecordColumns} FROM {s}.events e WHERE e.topic=$1 AND e.part=$2 AND e.offs=$3";
        LatestByKey = $"SELECT DISTINCT ON (e.key) {RecordColumns} FROM {s}.events e WHERE e.topic=$1 AND e.key IS NOT NULL ORDER BY e.key, e.ts DESC, e.id DESC";
        FirstAtOrAfter = $"SELECT MIN(offs) FROM {s}.events WHERE topic=$1 AND part=$2 AND ts>=$3";

        GroupExists = $"SELECT 1 FROM {s}.cursors WHERE topic=$1 AND grp=$2 LIMIT 1";
        InsertCursors = $"INSERT INTO {s}.cursors(topic, grp, part, watermark, claimed) SELECT $1, $2, p, w, w FROM unnest($3::int[], $4::bigint[]) AS u(p, w) ON CONFLICT DO NOTHING";
        GroupState = $"SELECT c.part, c.watermark, p.next_offs-1 FROM {s}.cursors c JOIN {s}.partitions p ON p.topic=c.topic AND p.part=c.part WHERE c.topic=$1 AND c.grp=$2 ORDER BY c.part";

        // The cursor row is the lock of one group on one partition: claims, acks, nacks and watermark advances of it
        // run one at a time across every process.
        LockCursor = $"SELECT watermark, claimed FROM {s}.cursors WHERE topic=$1 AND grp=$2 AND part=$3 FOR UPDATE";
        LockCursorsSkipLocked = $"SELECT part, watermark, claimed FROM {s}.cursors WHERE topic=$1 AND grp=$2 AND part = ANY($3) ORDER BY part FOR UPDATE SKIP LOCKED";
        LockCursorsWaiting = $"SELECT part, watermark, claimed FROM {s}.cursors WHERE topic=$1 AND grp=$2 AND part = ANY($3) ORDER BY part FOR UPDATE";
        // Competing claims lock only the cursors of partitions with claimable work (fresh records above `claimed`, or a
        // due redelivery above the watermark), so concurrent members of a group (10 consumers woken by one NOTIFY) do not
        // queue behind one claim that locked every partition, and a claim with nothing to do returns at once.
        string withWork = $"""
            SELECT c.part, c.watermark, c.claimed FROM {s}.cursors c JOIN {s}.partitions p ON p.topic=$1 AND p.part=c.part
            WHERE c.topic=$1 AND c.grp=$2 AND c.part = ANY($3)
              AND (p.next_offs-1 > c.claimed OR EXISTS (SELECT 1 FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2 AND d.part=c.part
                   AND d.offs > c.watermark AND NOT d.settled AND d.lease_until<=$4 AND d.visible_at<=$4))
            ORDER BY c.part FOR UPDATE OF c
            """;
        LockCursorsWithWorkSkipLocked = withWork + " SKIP LOCKED";
        LockCursorsWithWorkWaiting = withWork;
        LockTopicCursors = $"SELECT grp, part, watermark FROM {s}.cursors WHERE topic=$1 ORDER BY grp, part FOR UPDATE";
        SetClaimed = $"UPDATE {s}.cursors SET claimed=$4 WHERE topic=$1 AND grp=$2 AND part=$3";
        SetWatermark = $"UPDATE {s}.cursors SET watermark=$4 WHERE topic=$1 AND grp=$2 AND part=$3";
        // Rows at or below the watermark never exist (every watermark move drops the rows it passes), so the range starts
        // above the old watermark: the index scan then skips the dead entries of earlier drops, which until the next
        // vacuum sit exactly below it.
        DropSettledBelow = $"DELETE FROM {s}.deliveries WHERE topic=$1 AND grp=$2 AND part=$3 AND offs>$5 AND offs<=$4";

        // The first record above the watermark that is not settled (deleted offsets count as settled).
        FirstUnsettled = $"""
            SELECT e.offs FROM {s}.events e
            WHERE e.topic=$1 AND e.part=$3 AND e.offs>$4 AND NOT {settledAt("$3", "e.offs")} ORDER BY e.offs LIMIT 1
            """;

        // An ack round sends two statements per (topic, group), whatever the number of partitions its acks touch (see
        // PostgresBusStore.Ack): $3 the round's partitions of the group, sorted and distinct; $4/$5 the acks' partitions
        // and offsets, pairwise. The first locks the cursor rows of $3 in partition order (the order of every other cursor
        // lock, so rounds and claims cannot deadlock) and then settles the acked delivery rows: the uncorrelated ARRAY is
        // an InitPlan, which reads every cursor lock before the TID scan touches a delivery row. Delivery rows are found by
        // their whole key in scalar subqueries and updated by ctid (see the class remarks: a join of deliveries with the
        // unnested acks is planned, on tables that look empty, as a scan of the group's rows). Returns the partitions whose
        // cursor exists (all others: unknown group) and the (partition, offset) pairs it settled.
        AckSettle = $"""
            WITH cur AS MATERIALIZED (SELECT part FROM {s}.cursors WHERE topic=$1 AND grp=$2 AND {InRange("$3", "part")} AND part = ANY($3) ORDER BY part FOR UPDATE),
            locked AS MATERIALIZED (SELECT ARRAY(SELECT part FROM cur) AS parts),
            st AS (UPDATE {s}.deliveries SET settled=true, owner=NULL
                WHERE ctid = ANY(ARRAY(
                    SELECT (SELECT d.ctid FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2 AND d.part=a.p AND d.offs=a.o)
                    FROM unnest($4::int[], $5::bigint[]) AS a(p, o) WHERE a.p = ANY((SELECT parts FROM locked)::int[])))
                  AND NOT settled
                RETURNING part, offs)
            SELECT (SELECT parts FROM locked), ARRAY(SELECT part FROM st), ARRAY(SELECT offs FROM st)
            """;

        // The second (its snapshot sees the first's settles; the cursor rows are still locked), per locked partition:
        // moves the watermark to just below the first unsettled record above it (or to the head) and drops the delivery
        // rows it passed (by ctid, found by a range of the key per partition). Returns the partitions and their watermarks
        // after the move, both in partition order, and for each ack of $4/$5, in order, whether its delivery row is settled
        // (read before the drop: the statement's snapshot).
        AckAdvance = $"""
            WITH nxt AS MATERIALIZED (
                SELECT c.part, c.watermark AS old, COALESCE(
                    (SELECT e.offs - 1 FROM {s}.events e
                     WHERE e.topic=$1 AND e.part=c.part AND e.offs > c.watermark AND NOT {settledAt("e.part", "e.offs")} ORDER BY e.offs LIMIT 1),
                    (SELECT p.next_offs - 1 FROM {s}.partitions p WHERE p.topic=$1 AND p.part=c.part)) AS w
                FROM {s}.cursors c WHERE c.topic=$1 AND c.grp=$2 AND {InRange("$3", "c.part")} AND c.part = ANY($3)),
            upd AS (UPDATE {s}.cursors c SET watermark=(SELECT n.w FROM nxt n WHERE n.part=c.part)
                WHERE c.topic=$1 AND c.grp=$2 AND {InRange("$3", "c.part")} AND c.part = ANY(ARRAY(SELECT n.part FROM nxt n WHERE n.w > n.old))),
            del AS (DELETE FROM {s}.deliveries WHERE ctid = ANY(ARRAY(
                SELECT unnest(ARRAY(SELECT d.ctid FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2 AND d.part=n.part AND d.offs > n.old AND d.offs <= n.w))
                FROM nxt n WHERE n.w > n.old)))
            SELECT ARRAY(SELECT n.part FROM nxt n ORDER BY n.part),
                   ARRAY(SELECT GREATEST(n.w, n.old) FROM nxt n ORDER BY n.part),
                   ARRAY(SELECT {settledAt("a.p", "a.o")} FROM unnest($4::int[], $5::bigint[]) WITH ORDINALITY AS a(p, o, i) ORDER BY a.i)
            """;

        // The fast competing claim, one statement: locks (SKIP LOCKED) the cursors of the requested partitions that have
        // fresh records and no due redelivery, takes up to $5 fresh records above `claimed` round-robin over them (a
        // contiguous run per partition, so the `claimed` invariant holds), writes their delivery rows and moves `claimed`.
        // Partitions with due redeliveries (which go first, and may dead-letter) are left to the statement-by-statement
        // claim. $6/$7 rotate which partition goes first. It locks only as many partitions as $5 records need at the
        // average number of fresh records per partition with work (read without locks, so only an estimate), in rotation
        // order: members woken together by one batch then take different partitions instead of one member locking all of
        // them while the others find nothing (and fall back to waiting for them), and an ack waits for a claim only when
        // that claim is taking from its partition. Locks taken in rotation order cannot deadlock: SKIP LOCKED never waits.
        ClaimFreshFast = $"""
            WITH c AS (
                SELECT c.part, GREATEST(c.watermark, c.claimed) AS above
                FROM {s}.cursors c JOIN {s}.partitions p ON p.topic=$1 AND p.part=c.part
                WHERE c.topic=$1 AND c.grp=$2 AND c.part = ANY($3) AND p.next_offs-1 > c.claimed
                  AND (SELECT 1 FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2 AND d.part=c.part
                      AND d.offs > c.watermark AND NOT d.settled AND d.lease_until<=$4 AND d.visible_at<=$4 LIMIT 1) IS NULL
                ORDER BY (c.part + $6) % $7
                LIMIT (SELECT GREATEST(1, ceil($5::numeric * count(*) / sum(q.next_offs-1-GREATEST(w.watermark, w.claimed)))::bigint)
                       FROM {s}.cursors w JOIN {s}.partitions q ON q.topic=$1 AND q.part=w.part
                       WHERE w.topic=$1 AND w.grp=$2 AND w.part = ANY($3) AND q.next_offs-1 > GREATEST(w.watermark, w.claimed))
                FOR UPDATE OF c SKIP LOCKED),
            f AS (
                SELECT x.* FROM c CROSS JOIN LATERAL (
                    SELECT e.*, row_number() OVER (ORDER BY e.offs) AS rn FROM {s}.events e
                    WHERE e.topic=$1 AND e.part=c.part AND e.offs > c.above ORDER BY e.offs LIMIT $5) x
                ORDER BY x.rn, (x.part + $6) % $7 LIMIT $5),
            ins AS (
                INSERT INTO {s}.deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error)
                SELECT f.topic, $2, f.part, f.offs, 1, $8, $9, 0, false, NULL FROM f),
            upd AS (
                UPDATE {s}.cursors u SET claimed=m.top FROM (SELECT part, MAX(offs) AS top FROM f GROUP BY part) m
                WHERE u.topic=$1 AND u.grp=$2 AND u.part=m.part)
            SELECT {RecordColumns} FROM f e ORDER BY e.rn, (e.part + $6) % $7
            """;

        // After the fast claim, in the same batch: whether the group exists, whether fresh records are left that the fast
        // claim did not take (partitions it did not lock, or another member has locked), and whether due redeliveries are.
        ClaimProbe = $"""
            SELECT EXISTS (SELECT 1 FROM {s}.cursors WHERE topic=$1 AND grp=$2),
                   EXISTS (SELECT 1 FROM {s}.cursors c JOIN {s}.partitions p ON p.topic=$1 AND p.part=c.part
                       WHERE c.topic=$1 AND c.grp=$2 AND c.part = ANY($3) AND p.next_offs-1 > c.claimed),
                   EXISTS (SELECT 1 FROM {s}.cursors c
                       WHERE c.topic=$1 AND c.grp=$2 AND c.part = ANY($3) AND (SELECT 1 FROM {s}.deliveries d WHERE d.topic=$1 AND d.grp=$2
                              AND d.part=c.part AND d.offs > c.watermark AND NOT d.settled AND d.lease_until<=$4 AND d.visible_at<=$4 LIMIT 1) IS NOT NULL)
            """;

        DeliveryRow = $"SELECT settled, attempts, owner FROM {s}.deliveries WHERE topic=$1 AND grp=$2 AND part=$3 AND offs=$4";
        SettleWithError = $"UPDATE {s}.deliveries SET settled=true, owner=NULL, last_error=$5 WHERE topic=$1 AND grp=$2 AND part=$3 AND offs=$4";
        NackRelease = $"UPDATE {s}.deliveries SET owner=NULL, lease_until=0, visible_at=$5, last_error=$6 WHERE topic=$1 AND grp=$2 AND part=$3 AND offs=$4";
        ExtendLease = $"UPDATE {s}.deliveries SET lease_until=GREATEST(lease_until, $5) WHERE topic=$1 AND grp=$2 AND part=$3 AND offs=$4 AND NOT settled AND attempts=$6 AND owner=$7";
        Release = $"UPDATE {s}.deliveries SET attempts=GREATEST(0, attempts-1), owner=NULL, lease_until=0, visible_at=0 WHERE topic=$1 AND grp=$2 AND part=$3 AND offs=$4 AND NOT settled AND attempts=$5 AND owner=$6";

        const string candidate = RecordColumns + ", d.attempts, d.lease_until, d.visible_at, d.last_error, d.owner";
        ClaimDue = $"""
            SELECT {candidate} FROM {s}.deliveries d JOIN {s}.events e ON e.topic=$1 AND e.part=$3 AND e.offs=d.offs
            WHERE d.topic=$1 AND d.grp=$2 AND d.part=$3 AND NOT d.settled AND d.lease_until<=$4 AND d.visible_at<=$4 AND d.offs>$5
            ORDER BY d.offs LIMIT $6
            """;
        ClaimFresh = $"SELECT {RecordColumns}, NULL::int, NULL::bigint, NULL::bigint, NULL::text, NULL::text FROM {s}.events e WHERE e.topic=$1 AND e.part=$2 AND e.offs>$3 ORDER BY e.offs LIMIT $4";
        ClaimHead = $"""
            SELECT {candidate} FROM {s}.events e LEFT JOIN {s}.deliveries d ON d.topic=$1 AND d.grp=$2 AND d.part=$3 AND d.offs=e.offs
            WHERE e.topic=$1 AND e.part=$3 AND e.offs>$4 AND (d.offs IS NULL OR NOT d.settled) ORDER BY e.offs LIMIT $5
            """;
        LeaseAgain = $"UPDATE {s}.deliveries SET attempts=attempts+1, owner=$5, lease_until=$6, visible_at=0 WHERE topic=$1 AND grp=$2 AND part=$3 AND {InRange("$4")} AND offs = ANY($4)";
        LeaseFresh = $"""
            INSERT INTO {s}.deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error)
            SELECT e.topic, $2, e.part, e.offs, 1, $4, $5, 0, false, NULL FROM {s}.events e WHERE e.topic=$1 AND e.part=$3 AND {InRange("$6", "e.offs")} AND e.offs = ANY($6)
            """;

        Heartbeat = $"INSERT INTO {s}.members(topic, grp, member, ordered, expires_at) VALUES($1, $2, $3, $4, $5) ON CONFLICT(topic, grp, member) DO UPDATE SET ordered=EXCLUDED.ordered, expires_at=EXCLUDED.expires_at";
        Leave = $"DELETE FROM {s}.members WHERE topic=$1 AND grp=$2 AND member=$3";
        LiveMembers = $"SELECT member FROM {s}.members WHERE topic=$1 AND grp=$2 AND expires_at>$3 AND ($4 = false OR ordered) ORDER BY member COLLATE \"C\"";
        IsProcessed = $"SELECT 1 FROM {s}.processed WHERE key=$1 AND expires_at>$2";
        MarkProcessed = $"INSERT INTO {s}.processed(key, expires_at) VALUES($1, $2) ON CONFLICT(key) DO UPDATE SET expires_at=EXCLUDED.expires_at";
        PurgeProcessed = $"DELETE FROM {s}.processed WHERE expires_at<=$1";
        Compact = $"""
            DELETE FROM {s}.events e WHERE e.topic=$1 AND e.key IS NOT NULL AND e.offs < (
                SELECT MAX(l.offs) FROM {s}.events l WHERE l.topic=e.topic AND l.part=e.part AND l.key=e.key)
            """;
        DeleteOlderThan = $"DELETE FROM {s}.events WHERE topic=$1 AND ts<$2";
        Schema = s;
    }

    public string Schema { get; }

    /// <summary>The <c>LISTEN/NOTIFY</c> channel of this schema (payload: the topic name).</summary>
    public string Channel { get; }

    public string FindTopic { get; }
    public string ListTopics { get; }
    public string InsertTopic { get; }
    public string InsertPartitions { get; }
    public string AllocateOffsets { get; }
    public string Head { get; }
    public string Heads { get; }
    public string ListGroups { get; }
    public string FindIds { get; }
    public string InsertEventValues { get; }
    public string Notify { get; }
    public string Read { get; }
    public string FindById { get; }
    public string FindRecord { get; }
    public string LatestByKey { get; }
    public string FirstAtOrAfter { get; }
    public string GroupExists { get; }
    public string InsertCursors { get; }
    public string GroupState { get; }
    public string LockCursor { get; }
    public string LockCursorsSkipLocked { get; }
    public string LockCursorsWaiting { get; }
    public string LockCursorsWithWorkSkipLocked { get; }
    public string LockCursorsWithWorkWaiting { get; }
    public string LockTopicCursors { get; }
    public string SetClaimed { get; }
    public string SetWatermark { get; }
    public string DropSettledBelow { get; }
    public string FirstUnsettled { get; }
    public string AckSettle { get; }
    public string AckAdvance { get; }
    public string ClaimFreshFast { get; }
    public string ClaimProbe { get; }
    public string DeliveryRow { get; }
    public string SettleWithError { get; }
    public string NackRelease { get; }
    public string ExtendLease { get; }
    public string Release { get; }
    public string ClaimDue { get; }
    public string ClaimFresh { get; }
    public string ClaimHead { get; }
    public string LeaseAgain { get; }
    public string LeaseFresh { get; }
    public string Heartbeat { get; }
    public string Leave { get; }
    public string LiveMembers { get; }
    public string IsProcessed { get; }
    public string MarkProcessed { get; }
    public string PurgeProcessed { get; }
    public string Compact { get; }
    public string DeleteOlderThan { get; }
}

namespace Sesame.Fleet;

/// <summary>
/// The fleet's schema (docs/fleet.md, "Schema and roles"). Tables are written only through the SECURITY DEFINER
/// functions, each with <c>search_path = pg_catalog, pg_temp</c> and every name schema-qualified, so a node's role needs
/// nothing but USAGE on the schema and EXECUTE on them.
/// </summary>
internal static class FleetSchema
{
    /// <summary>The schema version this build creates; <c>sesame_fleet.meta</c> holds the database's.</summary>
    public const int Version = 1;

    public const string Role = "sesame_fleet_node";

    public const string Channel = "sesame_fleet";

    /// <summary>The two-key advisory lock <c>change()</c> holds to its commit (so seq order is commit order), and the one init holds.</summary>
    public const int LockClass = 0x5e5a3e;

    /// <summary>Step N brings a version N-1 schema to version N (tables only; functions and grants are replaced by every init).</summary>
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE sesame_fleet.entries (
            list text NOT NULL,
            address text NOT NULL,
            op smallint NOT NULL CHECK (op IN (1, 2, 3)),
            expires_at timestamptz NULL,
            changed_at timestamptz NOT NULL,
            origin text NOT NULL,
            seq bigint NOT NULL,
            PRIMARY KEY (list, address));
        CREATE UNIQUE INDEX entries_seq ON sesame_fleet.entries (seq);
        CREATE INDEX entries_expires_at ON sesame_fleet.entries (expires_at);
        CREATE SEQUENCE sesame_fleet.seq AS bigint;
        CREATE TABLE sesame_fleet.nodes (
            name text PRIMARY KEY,
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            last_seq bigint NOT NULL,
            version text NULL);
        """,
    ];

    public const string Meta = """
        CREATE SCHEMA IF NOT EXISTS sesame_fleet;
        CREATE TABLE IF NOT EXISTS sesame_fleet.meta (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            version integer NOT NULL);
        """;

    public static readonly string Functions = $$"""
        CREATE OR REPLACE FUNCTION sesame_fleet.change(node text, ops smallint[], lists text[], addresses text[], left_ms bigint[], ago_ms bigint[])
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_now timestamptz;
            v_last bigint;
            v_n integer := pg_catalog.cardinality(ops);
        BEGIN
            IF node IS NULL OR pg_catalog.length(node) NOT BETWEEN 1 AND 255 THEN
                RAISE EXCEPTION 'sesame_fleet.change: a node name of 1 to 255 characters is needed';
            END IF;
            IF v_n IS NULL OR v_n > 50000 OR pg_catalog.cardinality(lists) IS DISTINCT FROM v_n
                OR pg_catalog.cardinality(addresses) IS DISTINCT FROM v_n OR pg_catalog.cardinality(left_ms) IS DISTINCT FROM v_n
                OR pg_catalog.cardinality(ago_ms) IS DISTINCT FROM v_n THEN
                RAISE EXCEPTION 'sesame_fleet.change: the five arrays must have the same length (at most 50000)';
            END IF;
            -- Held to the commit: a later seq is never committed before an earlier one, so a reader that asks for
            -- seq > last never misses a row.
            PERFORM pg_catalog.pg_advisory_xact_lock({{LockClass}}, 1);
            v_now := pg_catalog.clock_timestamp();
            WITH input AS (
                SELECT DISTINCT ON (i.u_list, i.u_address) i.u_op, i.u_list, i.u_address, i.u_expires_at, i.u_changed_at
                FROM (
                    SELECT u.u_op, u.u_list, u.u_address, u.u_ord,
                        v_now - greatest(0, least(coalesce(u.u_ago, 0), 315576000000)) * interval '1 millisecond' AS u_changed_at,
                        CASE WHEN u.u_left IS NULL THEN NULL
                            ELSE v_now - greatest(0, least(coalesce(u.u_ago, 0), 315576000000)) * interval '1 millisecond'
                                + greatest(-315576000000, least(u.u_left, 3155760000000)) * interval '1 millisecond'
                        END AS u_expires_at
                    FROM unnest(ops, lists, addresses, left_ms, ago_ms) WITH ORDINALITY AS u(u_op, u_list, u_address, u_left, u_ago, u_ord)
                    WHERE u.u_op IN (1, 2, 3) AND u.u_list IS NOT NULL AND u.u_address IS NOT NULL
                        AND pg_catalog.length(u.u_list) BETWEEN 1 AND 1024 AND pg_catalog.length(u.u_address) BETWEEN 1 AND 1024) i
                ORDER BY i.u_list, i.u_address, i.u_changed_at DESC, i.u_ord DESC),
            put AS (
                INSERT INTO sesame_fleet.entries AS e (list, address, op, expires_at, changed_at, origin, seq)
                SELECT u_list, u_address, u_op, CASE WHEN u_op = 1 THEN u_expires_at END, u_changed_at, node,
                    pg_catalog.nextval('sesame_fleet.seq')
                FROM input WHERE u_op IN (1, 2)
                ON CONFLICT (list, address) DO UPDATE
                    SET op = excluded.op,
                        expires_at = CASE WHEN excluded.op = 1 THEN excluded.expires_at ELSE e.expires_at END,
                        changed_at = excluded.changed_at, origin = excluded.origin, seq = excluded.seq
                    WHERE excluded.changed_at >= e.changed_at
                RETURNING e.seq),
            expire AS (
                UPDATE sesame_fleet.entries AS e
                SET op = 3, changed_at = greatest(e.changed_at, i.u_changed_at), origin = node,
                    seq = pg_catalog.nextval('sesame_fleet.seq')
                FROM input i
                WHERE i.u_op = 3 AND e.list = i.u_list AND e.address = i.u_address AND e.op = 1
                    AND e.expires_at IS NOT NULL AND e.expires_at <= v_now + interval '1 second'
                RETURNING e.seq)
            SELECT pg_catalog.max(s.seq) INTO v_last FROM (SELECT seq FROM put UNION ALL SELECT seq FROM expire) s;
            -- Rows an hour past their expiry never need to travel again (a node out that long expired them itself).
            IF pg_catalog.random() < 0.01 THEN
                DELETE FROM sesame_fleet.entries WHERE expires_at < v_now - interval '1 hour';
            END IF;
            IF v_last IS NOT NULL THEN
                PERFORM pg_catalog.pg_notify('{{Channel}}', v_last::text);
            END IF;
            RETURN coalesce(v_last, 0);
        END
        $fn$;

        CREATE OR REPLACE FUNCTION sesame_fleet.since(after bigint, max_rows integer)
        RETURNS TABLE(seq bigint, origin text, list text, address text, op smallint, left_ms bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT s.seq, s.origin, s.list, s.address,
                (CASE WHEN s.op = 1 AND s.left_raw IS NOT NULL AND s.left_raw <= 0 THEN 3 ELSE s.op END)::smallint,
                CASE WHEN s.op = 1 AND s.left_raw > 0 THEN s.left_raw END
            FROM (
                SELECT e.seq, e.origin, e.list, e.address, e.op,
                    CASE WHEN e.op = 1 AND e.expires_at IS NOT NULL
                        THEN pg_catalog.floor(EXTRACT(epoch FROM e.expires_at - c.ts) * 1000)::bigint END AS left_raw
                FROM sesame_fleet.entries e CROSS JOIN (SELECT pg_catalog.clock_timestamp() AS ts) c
                WHERE e.seq > after
                ORDER BY e.seq
                LIMIT least(greatest(max_rows, 1), 50000)) s
            ORDER BY s.seq
        $fn$;

        CREATE OR REPLACE FUNCTION sesame_fleet.heartbeat(node text, last_seq bigint, version text)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        BEGIN
            IF node IS NULL OR pg_catalog.length(node) NOT BETWEEN 1 AND 255 THEN
                RAISE EXCEPTION 'sesame_fleet.heartbeat: a node name of 1 to 255 characters is needed';
            END IF;
            INSERT INTO sesame_fleet.nodes AS n (name, first_seen, last_seen, last_seq, version)
            VALUES (node, pg_catalog.now(), pg_catalog.now(), greatest(coalesce(last_seq, 0), 0),
                pg_catalog.left(version, 100))
            ON CONFLICT (name) DO UPDATE
                SET last_seen = excluded.last_seen, last_seq = excluded.last_seq, version = excluded.version;
        END
        $fn$;

        -- Holds the node's name for this session (a second daemon with the same name gets NULL) and returns the last
        -- change the node handed over (0 for a node never seen: it reads every row). A live link heartbeats every
        -- second on the very session that holds the name; a holder silent for 30 s is a session whose client is gone
        -- and the server has not noticed yet (TCP without keepalives): it is ended so the node can come back.
        CREATE OR REPLACE FUNCTION sesame_fleet.join(node text)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_key bigint;
        BEGIN
            IF node IS NULL OR pg_catalog.length(node) NOT BETWEEN 1 AND 255 THEN
                RAISE EXCEPTION 'sesame_fleet.join: a node name of 1 to 255 characters is needed';
            END IF;
            v_key := pg_catalog.hashtextextended('sesame_fleet:' || node, 0);
            IF NOT pg_catalog.pg_try_advisory_lock(v_key) THEN
                IF NOT EXISTS (SELECT 1 FROM sesame_fleet.nodes n
                        WHERE n.name = node AND n.last_seen < pg_catalog.clock_timestamp() - interval '30 seconds') THEN
                    RETURN NULL;
                END IF;
                BEGIN
                    PERFORM pg_catalog.pg_terminate_backend(l.pid, 5000) FROM pg_catalog.pg_locks l
                    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                        AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
                        AND l.classid::bigint = ((v_key >> 32) & 4294967295) AND l.objid::bigint = (v_key & 4294967295);
                EXCEPTION WHEN insufficient_privilege THEN
                    RETURN NULL;
                END;
                IF NOT pg_catalog.pg_try_advisory_lock(v_key) THEN
                    RETURN NULL;
                END IF;
            END IF;
            INSERT INTO sesame_fleet.nodes AS n (name, first_seen, last_seen, last_seq, version)
            VALUES (node, pg_catalog.now(), pg_catalog.now(), 0, NULL)
            ON CONFLICT (name) DO UPDATE SET last_seen = excluded.last_seen;
            RETURN (SELECT n.last_seq FROM sesame_fleet.nodes n WHERE n.name = node);
        END
        $fn$;

        CREATE OR REPLACE FUNCTION sesame_fleet.status_nodes()
        RETURNS TABLE(name text, first_seen timestamptz, last_seen timestamptz, last_seq bigint, connected boolean, version text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT n.name, n.first_seen, n.last_seen, n.last_seq,
                EXISTS (SELECT 1 FROM pg_catalog.pg_locks l
                    CROSS JOIN (SELECT pg_catalog.hashtextextended('sesame_fleet:' || n.name, 0) AS k) h
                    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                        AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
                        AND l.classid::bigint = ((h.k >> 32) & 4294967295) AND l.objid::bigint = (h.k & 4294967295)),
                n.version
            FROM sesame_fleet.nodes n ORDER BY n.name
        $fn$;

        CREATE OR REPLACE FUNCTION sesame_fleet.status_lists()
        RETURNS TABLE(list text, entries bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT e.list, pg_catalog.count(*) FILTER (WHERE e.op = 1 AND (e.expires_at IS NULL OR e.expires_at > pg_catalog.clock_timestamp()))
            FROM sesame_fleet.entries e GROUP BY e.list ORDER BY e.list
        $fn$;

        CREATE OR REPLACE FUNCTION sesame_fleet.status_seq()
        RETURNS TABLE(now timestamptz, last_seq bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT pg_catalog.clock_timestamp(), coalesce((SELECT pg_catalog.max(e.seq) FROM sesame_fleet.entries e), 0)
        $fn$;
        """;

    /// <summary>The functions a node may call (and nothing else).</summary>
    public static readonly string[] NodeFunctions =
    [
        "sesame_fleet.change(text, smallint[], text[], text[], bigint[], bigint[])",
        "sesame_fleet.since(bigint, integer)",
        "sesame_fleet.heartbeat(text, bigint, text)",
        "sesame_fleet.join(text)",
        "sesame_fleet.status_nodes()",
        "sesame_fleet.status_lists()",
        "sesame_fleet.status_seq()",
    ];

    public static string Grants => $"""
        DO $do$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{Role}') THEN
                CREATE ROLE {Role} NOLOGIN;
            END IF;
        END $do$;
        REVOKE ALL ON SCHEMA sesame_fleet FROM PUBLIC;
        GRANT USAGE ON SCHEMA sesame_fleet TO {Role};
        REVOKE CREATE ON SCHEMA sesame_fleet FROM {Role};
        REVOKE ALL ON ALL TABLES IN SCHEMA sesame_fleet FROM PUBLIC, {Role};
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA sesame_fleet FROM PUBLIC, {Role};
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sesame_fleet FROM PUBLIC, {Role};
        GRANT EXECUTE ON FUNCTION {string.Join(", ", NodeFunctions)} TO {Role};
        REVOKE CREATE ON SCHEMA public FROM {Role};
        """;
}

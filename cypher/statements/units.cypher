// statement: units
// Merge units by name; keep aliases already stored. $rows: name, kind, aliases.
UNWIND $rows AS r
MERGE (u:Unit {name: r.name})
SET u.kind = r.kind,
    u.aliases = r.aliases + [a IN coalesce(u.aliases, []) WHERE NOT a IN r.aliases]

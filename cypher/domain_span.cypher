// name: domain_span
// zh: 跨领域最多的单位
// en: The units whose tasks span the most domains
// param: limit (int, default 10): how many units to return
// param: include_collectives (bool, default false): rank collective placeholders too
MATCH (u:Unit)-[:LEADS|SUPPORTS]->(:Task)-[:IN_DOMAIN]->(d:Domain)
WHERE $include_collectives OR u.kind = 'agency'
WITH u, collect(DISTINCT d) AS ds
RETURN u.name AS unit, u.kind AS kind, size(ds) AS domains, [d IN ds | d.name] AS domain_names
ORDER BY domains DESC, unit
LIMIT $limit

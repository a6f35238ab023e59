// name: top_leads
// zh: 牵头任务最多的单位
// en: The units that lead the most tasks
// param: limit (int, default 10): how many units to return
// param: include_collectives (bool, default false): rank collective placeholders (各有关单位 …) too
MATCH (u:Unit)
WHERE $include_collectives OR u.kind = 'agency'
WITH u, COUNT { (u)-[:LEADS]->(:Task) } AS leads, COUNT { (u)-[:SUPPORTS]->(:Task) } AS supports
WHERE leads > 0
RETURN u.name AS unit, u.kind AS kind, leads, supports
ORDER BY leads DESC, unit
LIMIT $limit

// name: bridge_units
// zh: 跨领域的桥梁单位：连接哪些领域，其中多少对领域只靠它连接
// en: Cross-domain bridge units: how many pairs of domains each links, and how many it alone links
// param: include_collectives (bool, default false): count collective placeholders as bridges
MATCH (u:Unit)-[:LEADS|SUPPORTS]->(:Task)-[:IN_DOMAIN]->(d:Domain)
WHERE $include_collectives OR u.kind = 'agency'
WITH u, collect(DISTINCT d) AS ds
UNWIND ds AS d1
UNWIND ds AS d2
WITH u, d1, d2
WHERE d1.key < d2.key
WITH d1, d2, collect(u.name) AS linkers
UNWIND linkers AS unit
WITH unit, count(*) AS domain_pairs, sum(CASE WHEN size(linkers) = 1 THEN 1 ELSE 0 END) AS sole_links
RETURN unit, domain_pairs, sole_links
ORDER BY sole_links DESC, domain_pairs DESC, unit

// name: graph_summary
// zh: 图中各类节点和关系的数量
// en: How many nodes of each label and relationships of each type the graph holds
MATCH (n)
WHERE n:Unit OR n:Task OR n:Domain
RETURN labels(n)[0] AS kind, count(n) AS n
UNION ALL
MATCH (:Unit)-[r:LEADS|SUPPORTS|COORDINATES_WITH]->()
RETURN type(r) AS kind, count(r) AS n
UNION ALL
MATCH (:Task)-[r:IN_DOMAIN]->(:Domain)
RETURN type(r) AS kind, count(r) AS n

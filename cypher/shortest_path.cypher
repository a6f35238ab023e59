// name: shortest_path
// zh: 两个单位之间最短的协作路径
// en: The shortest coordination path between two units
// param: source (str): the unit to start from
// param: target (str): the unit to reach (a different unit)
MATCH (a:Unit {name: $source}), (b:Unit {name: $target})
MATCH p = shortestPath((a)-[:COORDINATES_WITH*]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | r.weight] AS shared_tasks

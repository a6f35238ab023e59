// statement: list_domains
// Delete the domains of list $list with their edges.
MATCH (d:Domain {list: $list}) DETACH DELETE d

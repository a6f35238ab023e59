// name: support_only
// zh: 只配合、从不牵头的单位
// en: Units that only support and never lead
// param: include_collectives (bool, default false): list collective placeholders too
MATCH (u:Unit)
WHERE ($include_collectives OR u.kind = 'agency')
  AND EXISTS { MATCH (u)-[:SUPPORTS]->(:Task) }
  AND NOT EXISTS { MATCH (u)-[:LEADS]->(:Task) }
RETURN u.name AS unit, u.kind AS kind, COUNT { (u)-[:SUPPORTS]->(:Task) } AS supports
ORDER BY supports DESC, unit

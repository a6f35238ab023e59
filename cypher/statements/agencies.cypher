// statement: agencies
// The names of every agency (not collective) unit.
MATCH (u:Unit {kind: 'agency'}) RETURN u.name AS name ORDER BY name

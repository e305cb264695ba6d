/** Word lists for synthetic company and person names. Invented combinations, no real companies meant. */

// prettier-ignore
export const NAME_FIRST = [
  'Amber', 'Arbor', 'Aspen', 'Atlas', 'Aurora', 'Azure', 'Basalt', 'Beacon', 'Birch', 'Bluefin',
  'Boulder', 'Bramble', 'Brightwater', 'Brook', 'Canyon', 'Cedar', 'Cinder', 'Clearwater', 'Clover', 'Cobalt',
  'Copper', 'Coral', 'Cove', 'Crescent', 'Crimson', 'Crystal', 'Cypress', 'Dawn', 'Delta', 'Dune',
  'Ember', 'Falcon', 'Fern', 'Fjord', 'Flint', 'Fox', 'Garnet', 'Glacier', 'Golden', 'Granite',
  'Harbor', 'Hawthorn', 'Hazel', 'Heron', 'Highland', 'Indigo', 'Iron', 'Ivory', 'Juniper', 'Kestrel',
  'Lantern', 'Larch', 'Laurel', 'Linden', 'Lunar', 'Maple', 'Marble', 'Meadow', 'Meridian', 'Mesa',
  'Mistral', 'Moss', 'Nimbus', 'Northwind', 'Oak', 'Obsidian', 'Onyx', 'Orchid', 'Osprey', 'Pebble',
  'Pine', 'Pinnacle', 'Polar', 'Prairie', 'Quartz', 'Quill', 'Raven', 'Redwood', 'Ridge', 'River',
  'Rowan', 'Saffron', 'Sage', 'Sapphire', 'Sequoia', 'Shale', 'Silver', 'Slate', 'Sparrow', 'Spruce',
  'Summit', 'Sunridge', 'Tidal', 'Timber', 'Topaz', 'Tundra', 'Willow', 'Winter', 'Wren', 'Zephyr',
] as const;

// prettier-ignore
export const NAME_SECOND = [
  'Anchor', 'Arc', 'Bay', 'Bench', 'Bloom', 'Bolt', 'Bridge', 'Brook', 'Canal', 'Cart',
  'Castle', 'Chain', 'Circle', 'Coast', 'Compass', 'Corner', 'Crest', 'Crown', 'Dale', 'Dock',
  'Field', 'Flag', 'Forge', 'Fort', 'Gate', 'Glen', 'Grove', 'Hall', 'Haven', 'Hill',
  'Hollow', 'Hub', 'Isle', 'Key', 'Knot', 'Lake', 'Lane', 'Leaf', 'Ledger', 'Line',
  'Link', 'Loop', 'Mark', 'Market', 'Mill', 'Mint', 'Moor', 'Nest', 'Path', 'Peak',
  'Pier', 'Point', 'Pond', 'Port', 'Post', 'Quay', 'Rail', 'Range', 'Reach', 'Reef',
  'Road', 'Rock', 'Row', 'Sail', 'Shore', 'Signal', 'Spring', 'Square', 'Stack', 'Stone',
  'Street', 'Stream', 'Tail', 'Terrace', 'Thread', 'Tide', 'Tower', 'Track', 'Trail', 'Vale',
  'Vault', 'View', 'Village', 'Wave', 'Way', 'Well', 'Wharf', 'Wing', 'Wood', 'Works',
  'Yard', 'Beam', 'Cliff', 'Drift', 'Ferry', 'Finch', 'Frame', 'Heath', 'Orbit', 'Spire',
] as const;

export const NAME_SUFFIX = ['Payments', 'Pay', 'Commerce', 'Retail', 'Labs'] as const;

// prettier-ignore
export const GIVEN_NAMES = [
  'Alex', 'Amara', 'Ana', 'Ben', 'Carla', 'Chen', 'Dana', 'Dev', 'Elena', 'Emeka',
  'Farah', 'Felix', 'Grace', 'Hana', 'Ivan', 'Jamal', 'Jin', 'Kai', 'Lara', 'Leo',
  'Maya', 'Mei', 'Nadia', 'Noah', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Sofia',
  'Tariq', 'Uma', 'Vera', 'Wei', 'Yara', 'Zoe',
] as const;

// prettier-ignore
export const FAMILY_NAMES = [
  'Abara', 'Baker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen',
  'Kowalski', 'Larsen', 'Mensah', 'Nakamura', 'Okafor', 'Patel', 'Quint', 'Rossi', 'Silva', 'Tanaka',
  'Umar', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zhang',
] as const;

/** US area codes used for account phone numbers. */
// prettier-ignore
export const AREA_CODES = [
  212, 213, 214, 303, 305, 312, 317, 404, 415, 425, 469, 503, 512, 602, 617, 619, 646, 702, 713, 720,
  737, 773, 786, 813, 818, 832, 858, 917, 919, 949,
] as const;

const nxPreset = require('@nx/jest/preset').default;

// Unit tests run west of UTC, where a date sent as midnight UTC is still the day before in local
// time: a page that shows such a date in the browser's zone fails here, not only for users there.
process.env.TZ = 'America/New_York';

module.exports = { ...nxPreset };

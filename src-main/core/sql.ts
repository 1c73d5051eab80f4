// The SQL helpers live in the data layer (data/sql.ts); the services that still import them from here
// are moving their SQL there too.
export { isUniqueViolation, likePattern, type Paged } from '../data/sql';

import type { FindOptionsSelect, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/** How many rows one call deletes at most; what is left goes with the next call. */
export const DELETE_ROWS_BATCH = 500;

/**
 * Finds up to `DELETE_ROWS_BATCH` rows that match `where`, deletes them by primary key, and returns
 * what it found (the columns in `select`, the id always). A DELETE with a range condition makes
 * InnoDB lock the index gaps it scans, and racing INSERTs into the same range then deadlock (seen
 * on MariaDB when two verifications of one user raced). A plain SELECT takes no locks, and a DELETE
 * by primary key locks only the rows it removes. A row that starts to match between the two
 * statements is left for the next call.
 */
export async function deleteRows<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  where: FindOptionsWhere<T>,
  select: FindOptionsSelect<T> = {},
): Promise<T[]> {
  const rows = await repository.find({
    select: { ...select, id: true } as FindOptionsSelect<T>,
    where,
    take: DELETE_ROWS_BATCH,
  });
  if (rows.length > 0) {
    await repository.delete(rows.map((row) => row.id));
  }
  return rows;
}

/**
 * Members-only products: a product named by any enabled `exclusive_products` benefit is visible and
 * buyable only to members whose benefits include it; every other product is for everyone.
 */
export function productOpenTo(productId: number, exclusiveIds: ReadonlySet<number>, heldIds: readonly number[] | null | undefined): boolean {
  return !exclusiveIds.has(productId) || (heldIds ?? []).includes(productId);
}

/** The products of a listing this member may see, in the listing's order. */
export function visibleProducts<T extends { id: number }>(
  items: readonly T[],
  exclusiveIds: ReadonlySet<number>,
  heldIds: readonly number[] | null | undefined,
): T[] {
  return items.filter((p) => productOpenTo(p.id, exclusiveIds, heldIds));
}

import type { ModelPrice, PriceBook } from '../../domain/price-book.js'

/** A model price as stored: the domain's ModelPrice plus where its figures come from. */
export interface StoredModelPrice extends ModelPrice {
  effectiveFrom: string | null
  source: string
}

/** A price book as stored, with its owner and optimistic-concurrency version. */
export interface StoredPriceBook extends PriceBook {
  slug: string
  /** null for the built-in books every organization can read. */
  organizationId: string | null
  description: string
  version: number
  createdAt: Date
  updatedAt: Date
  models: StoredModelPrice[]
}

/** What a caller supplies for one model of an organization's price book. */
export type ModelPriceInput = Omit<StoredModelPrice, 'effectiveFrom' | 'source'> & {
  effectiveFrom?: string | null
  source?: string
}

export interface PriceBookInput {
  slug: string
  name: string
  effectiveFrom: string
  source: string
  description: string
  models: ModelPriceInput[]
}

import { previewPlan } from '../src/domain/plan.js'
import { syntheticPlan } from '../bench/engine.bench.js'
import { TEST_BOOK } from '../src/domain/testing/fixtures.js'
const r = syntheticPlan(100, 20270101)
for (let i = 0; i < 30; i++) previewPlan(r, TEST_BOOK, { workloadMonths: false })
const t = performance.now()
for (let i = 0; i < 30; i++) previewPlan(r, TEST_BOOK, { workloadMonths: false })
console.log((performance.now() - t) / 30)

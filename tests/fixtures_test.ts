import { assertEquals, assertTrue } from "./_assert.ts";
import {
  checkPredictionData,
  loadCollectArtifacts,
  loadPredictions,
  loadTrainSummary,
} from "../scripts/_artifacts.ts";
import { writeCollectFixture, writePredictionFixture } from "./_fixtures.ts";

Deno.test("the test fixtures round-trip through the stage loaders", async () => {
  const out = await Deno.makeTempDir();
  try {
    const fixture = await writeCollectFixture(out, { rows: 40, features: 3, k: 2 });
    const loaded = await loadCollectArtifacts(out);
    assertEquals(loaded.inputs.shape, [40, 3]);
    assertEquals(loaded.test.test, fixture.test);
    assertEquals(loaded.bags.length, 2);
    for (const bag of loaded.bags) {
      const seen = new Set([...bag.train, ...bag.validation, ...loaded.test.test]);
      assertEquals(seen.size, 40);
    }
    const preds = await writePredictionFixture(out, fixture, { k: 2 });
    const summary = await loadTrainSummary(out);
    await checkPredictionData(out, summary, loaded);
    const members = await loadPredictions(out, summary.members.map((m) => m.k));
    assertEquals(members.length, 2);
    assertEquals(members[0][0].title, fixture.rows[fixture.test[0]].title);
    assertTrue(Math.abs(members[1][3].Predicted_Score - preds[1][3]) < 1e-9);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

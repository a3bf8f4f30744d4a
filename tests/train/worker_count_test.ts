import { assertEquals } from "../_assert.ts";
import { workerCount } from "../../scripts/_tabm_member.ts";

Deno.test("by default each bag gets a worker, up to two per core, so that the bags finish together", () => {
  assertEquals(workerCount("wasm", 3, 0, 2), 3, "3 bags on 2 cores: all at once, not 2 then 1");
  assertEquals(workerCount("wasm", 10, 0, 2), 4);
  assertEquals(workerCount("cpu", 1, 0, 8), 1);
});

Deno.test("--workers caps the workers at the bags, and the GPU backends train in one thread", () => {
  assertEquals(workerCount("wasm", 3, 1, 2), 1);
  assertEquals(workerCount("wasm", 3, 5, 2), 3);
  assertEquals(workerCount("webgpu", 3, 0, 2), 1);
  assertEquals(workerCount("tensorflow", 3, 2, 2), 1);
});

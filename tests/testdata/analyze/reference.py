"""Reference values for tests/analyze/statistics_test.ts, computed once with SciPy 1.17.1 and NumPy 2.4.6:

    python3 tests/testdata/analyze/reference.py > tests/testdata/analyze/reference.json

The samples are closed-form sequences, rebuilt identically in the TypeScript test (see `samples` there).
"""
import json
import math

import numpy as np
from scipy import stats


def seq(n, base, amp, freq, phase=0.0):
    return [base + amp * math.sin(freq * (i + 1) + phase) for i in range(n)]


small_a = [6.1, 7.3, 5.8, 8.0, 6.6, 7.1, 5.2, 6.9, 7.7, 6.4]
small_b = [6.5, 6.9, 6.2, 7.4, 6.8, 6.6, 6.0, 7.0, 7.2, 6.3, 6.7, 6.1]
small_p = [6.3, 7.0, 6.1, 7.5, 6.5, 7.0, 5.9, 6.8, 7.2, 6.6]
big_a = seq(200, 6.4, 1.5, 1.3)
big_b = seq(150, 6.9, 1.1, 0.7, 0.4)
big_p = [x + 0.25 + 0.3 * math.cos(2.1 * i) for i, x in enumerate(big_a)]

cases = {"small_a": small_a, "small_b": small_b, "small_p": small_p}
out = {"samples": cases, "cases": []}


def add(name, kind, a, b):
    a_ = np.array(cases[a] if a in cases else SEQS[a])
    b_ = np.array(cases[b] if b in cases else SEQS[b])
    if kind == "welch":
        r = stats.ttest_ind(a_, b_, equal_var=False)
        out["cases"].append({"name": name, "kind": kind, "a": a, "b": b, "statistic": float(r.statistic), "df": float(r.df), "pValue": float(r.pvalue)})
    elif kind == "paired":
        r = stats.ttest_rel(a_, b_)
        out["cases"].append({"name": name, "kind": kind, "a": a, "b": b, "statistic": float(r.statistic), "df": float(r.df), "pValue": float(r.pvalue)})
    elif kind == "ks":
        r = stats.ks_2samp(a_, b_, method="asymp")
        out["cases"].append({"name": name, "kind": kind, "a": a, "b": b, "statistic": float(r.statistic), "df": None, "pValue": float(r.pvalue)})
    elif kind == "seed-z":
        z = (b_.mean() - a_.mean()) / math.sqrt(a_.std(ddof=1) ** 2 + b_.std(ddof=1) ** 2)
        out["cases"].append({"name": name, "kind": kind, "a": a, "b": b, "statistic": float(z), "df": None, "pValue": float(2 * stats.norm.sf(abs(z)))})
    elif kind == "metrics":
        e = b_ - a_
        pe = 100 * e / a_
        out["cases"].append({
            "name": name, "kind": kind, "a": a, "b": b,
            "metrics": {
                "n": int(len(a_)), "meanActual": float(a_.mean()), "sdActual": float(a_.std(ddof=1)),
                "meanPredicted": float(b_.mean()), "sdPredicted": float(b_.std(ddof=1)),
                "rmse": float(np.sqrt(np.mean(e ** 2))), "mae": float(np.mean(np.abs(e))),
                "r2": float(1 - np.sum(e ** 2) / np.sum((a_ - a_.mean()) ** 2)),
                "pearson": float(stats.pearsonr(a_, b_).statistic),
                "meanPercentError": float(pe.mean()), "sdPercentError": float(pe.std(ddof=1)),
            },
        })


SEQS = {"big_a": big_a, "big_b": big_b, "big_p": big_p}
add("Welch, small samples", "welch", "small_a", "small_b")
add("Welch, large samples, clear difference", "welch", "big_a", "big_b")
add("paired t, small samples", "paired", "small_a", "small_p")
add("paired t, large samples, clear shift", "paired", "big_p", "big_a")
add("KS, small samples", "ks", "small_a", "small_b")
add("KS, large samples", "ks", "big_a", "big_b")
add("KS, large samples, shifted copy", "ks", "big_p", "big_a")
add("seed z, small", "seed-z", "small_a", "small_p")
add("seed z, large", "seed-z", "big_a", "big_p")
add("metrics, small", "metrics", "small_a", "small_p")
add("metrics, large", "metrics", "big_a", "big_p")

# Ridge: closed form on standardised columns (population sd), intercept = mean(y), NumPy's solver.
X = np.array([[math.sin(0.7 * i + j) + (j == 2) * 0.1 * i for j in range(4)] for i in range(30)])
X[:, 3] = 1.5  # a constant column: weight 0
y = 2 + X[:, 0] - 0.5 * X[:, 1] + 0.05 * np.arange(30)
mu, sd = X[:, :3].mean(0), X[:, :3].std(0)
Z = (X[:, :3] - mu) / sd
lam = 2.0
w = np.linalg.solve(Z.T @ Z + lam * np.eye(3), Z.T @ (y - y.mean()))
pred = y.mean() + Z @ w
out["ridge"] = {"x": X.tolist(), "y": y.tolist(), "lambda": lam, "weights": w.tolist() + [0.0], "predictions": pred.tolist()}

# Percentile bootstrap quantile convention: NumPy's default ("linear") quantile.
q = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.0]
out["quantile"] = {"values": q, "q025": float(np.quantile(q, 0.025)), "q975": float(np.quantile(q, 0.975)), "q50": float(np.quantile(q, 0.5))}
print(json.dumps(out, indent=1))

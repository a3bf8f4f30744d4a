"""Reference values for tests/analyze/statistics_test.ts and paired_test.ts, computed once with SciPy 1.17.1,
NumPy 2.4.6 and statsmodels 0.15.0:

    python3 tests/testdata/analyze/reference.py > tests/testdata/analyze/reference.json

The samples are closed-form sequences, rebuilt identically in the TypeScript test (see `samples` there), or
are stored in the JSON (the "paired" section).
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

# ---- The paired analysis (tests/analyze/paired_test.ts) ----
from scipy.stats import kstwo
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

rng = np.random.default_rng(20261201)
paired = {}

# Kolmogorov distribution: kstwo.sf on a grid of n and z = d·√n.
paired["kstwo"] = [
    {"n": n, "d": float(z / math.sqrt(n)), "sf": float(kstwo.sf(z / math.sqrt(n), n))}
    for n in [1, 2, 3, 7, 20, 140, 141, 400, 3000, 40000, 250000]
    for z in [0.4, 0.7, 1.0, 1.3, 1.8, 2.5, 3.5]
    if z / math.sqrt(n) < 1
]

# Two-sample KS, exact and asymptotic; scores rounded to one decimal like IMDb's (so with ties).
ks_cases = []
for n1, n2, shift, sd in [(4, 6, 0.0, 1.0), (12, 12, 0.6, 1.0), (12, 30, 0.4, 1.5), (60, 45, 0.3, 1.0),
                          (738, 300, 0.15, 1.1), (25, 400, 0.9, 1.0)]:
    a = np.round(rng.normal(6.5, 1.0, n1), 1)
    b = np.round(rng.normal(6.5 + shift, sd, n2), 1)
    for method in ["exact", "asymp", "auto"]:
        r = stats.ks_2samp(a, b, method=method)
        ks_cases.append({"a": a.tolist(), "b": b.tolist(), "method": method, "statistic": float(r.statistic),
                         "pValue": float(r.pvalue)})
paired["ks"] = ks_cases

# Wilcoxon signed-rank with SciPy's defaults: exact (n <= 50, no ties or zeros), sign-flip permutation
# (ties or zeros, n <= 13), normal approximation (n > 50, or ties with 13 < n <= 50).
wil = []
for name, d in [
    ("exact, n = 12", rng.normal(0.3, 1, 12)),
    ("exact, n = 40", rng.normal(0.2, 1, 40)),
    ("permutation, ties and a zero, n = 11", np.array([0.5, -0.5, 1.2, 0.3, -0.3, 0.0, 2.0, 0.7, -1.1, 0.5, 0.9])),
    ("normal, ties, n = 30", np.round(rng.normal(0.2, 1, 30), 1)),
    ("normal, n = 300", rng.normal(0.05, 0.7, 300)),
]:
    r = stats.wilcoxon(d)
    wil.append({"name": name, "d": d.tolist(), "statistic": float(r.statistic), "pValue": float(r.pvalue)})
paired["wilcoxon"] = wil

# Paired permutation test of the KS statistic (swap predicted and actual within pairs), all 2^10 swaps.
pa = np.round(rng.normal(6.5, 1.1, 10), 1)
pp = np.round(0.6 * pa + 0.4 * 6.5 + rng.normal(0, 0.3, 10), 2)
perm = stats.permutation_test((pp, pa), lambda x, y: stats.ks_2samp(x, y).statistic, permutation_type="samples",
                              alternative="greater", n_resamples=9999, vectorized=False)
paired["permutation"] = {"a": pp.tolist(), "b": pa.tolist(), "statistic": float(perm.statistic),
                         "pValue": float(perm.pvalue)}

# BCa from given replicates: RMSE(model) - RMSE(baseline), paired, through scipy.stats.bootstrap itself.
actual = np.round(rng.normal(6.4, 1.1, 40), 1)
model = actual + rng.normal(0.05, 0.6, 40)
base = np.full(40, 6.3) + rng.normal(0, 0.05, 40)


def rmse_diff(a, m, b, axis=-1):
    return np.sqrt(np.mean((m - a) ** 2, axis=axis)) - np.sqrt(np.mean((b - a) ** 2, axis=axis))


idx = rng.integers(0, 40, (999, 40))
reps = rmse_diff(actual[idx], model[idx], base[idx])


class Given:
    bootstrap_distribution = reps


res = stats.bootstrap((actual, model, base), rmse_diff, paired=True, n_resamples=0, bootstrap_result=Given(),
                      method="BCa", confidence_level=0.95)
paired["bca"] = {"actual": actual.tolist(), "model": model.tolist(), "baseline": base.tolist(),
                 "replicates": reps.tolist(), "estimate": float(rmse_diff(actual, model, base)),
                 "low": float(res.confidence_interval.low), "high": float(res.confidence_interval.high)}
# The same with SciPy's own resamples (for a Monte Carlo comparison with ours).
res = stats.bootstrap((actual, model, base), rmse_diff, paired=True, n_resamples=20000, method="BCa",
                      rng=np.random.default_rng(5))
paired["bcaMonteCarlo"] = {"low": float(res.confidence_interval.low), "high": float(res.confidence_interval.high)}

# Holm (statsmodels).
ps = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]
paired["holm"] = {"p": ps, "adjusted": multipletests(ps, method="holm")[1].tolist()}

# t interval of a mean error; OLS of actual on predicted (calibration) with t intervals.
e = model - actual
ci = stats.t.interval(0.95, len(e) - 1, loc=e.mean(), scale=stats.sem(e))
paired["meanInterval"] = {"values": e.tolist(), "mean": float(e.mean()), "low": float(ci[0]), "high": float(ci[1])}
lr = stats.linregress(model, actual)
t975 = stats.t.ppf(0.975, len(model) - 2)
paired["linearFit"] = {"x": model.tolist(), "y": actual.tolist(), "slope": float(lr.slope),
                       "intercept": float(lr.intercept), "slopeSe": float(lr.stderr),
                       "interceptSe": float(lr.intercept_stderr),
                       "slopeLow": float(lr.slope - t975 * lr.stderr), "slopeHigh": float(lr.slope + t975 * lr.stderr),
                       "interceptLow": float(lr.intercept - t975 * lr.intercept_stderr),
                       "interceptHigh": float(lr.intercept + t975 * lr.intercept_stderr)}

# Shape, normal QQ points, robust outliers (median ± 3 scaled MADs) on skewed errors in percent-like units.
skewed = np.concatenate([rng.normal(0, 1, 60), [9.0, 14.0, -4.5]])
osm, osr = stats.probplot(skewed, fit=False)
med = float(np.median(skewed))
mad = float(stats.median_abs_deviation(skewed, scale="normal"))
paired["shape"] = {"values": skewed.tolist(), "skewness": float(stats.skew(skewed)),
                   "excessKurtosis": float(stats.kurtosis(skewed)), "theoretical": osm.tolist(),
                   "sample": osr.tolist(), "median": med, "mad": mad,
                   "outliers": [int(i) for i in np.nonzero(np.abs(skewed - med) > 3 * mad)[0]]}

# Wilson intervals of coverage counts (statsmodels).
paired["wilson"] = [{"count": c, "n": n, "low": float(lo), "high": float(hi)}
                    for c, n in [(610, 738), (705, 738), (1, 12), (12, 12), (0, 5)]
                    for lo, hi in [proportion_confint(c, n, alpha=0.05, method="wilson")]]

# Standardised mean differences (sample variances) between two groups of rows.
X = np.column_stack([rng.normal(0, 1, 50), rng.binomial(1, 0.3, 50), np.full(50, 2.0)])
ga, gb = list(range(0, 35)), list(range(35, 50))
pooled = np.sqrt((X[ga].var(0, ddof=1) + X[gb].var(0, ddof=1)) / 2)
smd = [float((X[gb, j].mean() - X[ga, j].mean()) / pooled[j]) if pooled[j] > 0 else None for j in range(3)]
paired["smd"] = {"x": X.tolist(), "a": ga, "b": gb, "smd": smd}

# Calibration bins: array_split of the movies sorted by prediction (stable), mean actual with t intervals.
order = np.argsort(model, kind="stable")
bins = []
for part in np.array_split(order, 2):
    y = actual[part]
    lo, hi = stats.t.interval(0.95, len(y) - 1, loc=y.mean(), scale=stats.sem(y))
    bins.append({"n": int(len(part)), "predicted": float(model[part].mean()), "actual": float(y.mean()),
                 "low": float(lo), "high": float(hi)})
paired["calibrationBins"] = bins

# Errors by band of actual score (edges 5, 6, 7, 8): n, bias with its t interval, RMSE, MAE.
bands = []
edges = [-np.inf, 5, 6, 7, 8, np.inf]
for lo, hi in zip(edges[:-1], edges[1:]):
    mask = (actual >= lo) & (actual < hi)
    err = (model - actual)[mask]
    band = {"n": int(mask.sum())}
    if len(err) >= 2:
        ci = stats.t.interval(0.95, len(err) - 1, loc=err.mean(), scale=stats.sem(err))
        band.update({"bias": float(err.mean()), "biasLow": float(ci[0]), "biasHigh": float(ci[1]),
                     "rmse": float(np.sqrt(np.mean(err ** 2))), "mae": float(np.mean(np.abs(err)))})
    bands.append(band)
paired["bands"] = bands

# Conformal half-widths: the ceil((n + 1)·level)-th smallest absolute residual; and the law of the coverage of a
# split-conformal interval for continuous residuals, given the calibration set: Beta(k, n + 1 − k).
resid = np.abs(rng.normal(0, 0.7, 49))
conf = {"residuals": resid.tolist(), "levels": []}
for level in [0.8, 0.95]:
    k = math.ceil((len(resid) + 1) * level)
    law = stats.beta(k, len(resid) + 1 - k)
    conf["levels"].append({"level": level, "halfWidth": float(np.sort(resid)[k - 1]), "coverageMean": float(law.mean()),
                           "coverageQ10": float(law.ppf(0.1)), "coverageQ90": float(law.ppf(0.9))})
paired["conformal"] = conf

out["paired"] = paired
print(json.dumps(out, indent=1))

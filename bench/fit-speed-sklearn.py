"""scikit-learn's side of bench/fit-speed.ts and bench/quality.ts.

A line-protocol server: each line on stdin is one JSON request, each reply one JSON line on
stdout. The Node bench keeps it running and alternates its own fits with this process's, so both
see the same load on a shared machine. Requests:

  {"cmd": "load", "texts": [...], "labels": [...]}     -> {"sklearn": version, ...}
  {"cmd": "memory"}                                     -> peak memory of one fit (send it first)
  {"cmd": "fit"}                                        -> wall and CPU seconds of one full fit
  {"cmd": "cv", "folds": [[test indices], ...]}         -> accuracy and fit seconds per fold
  {"cmd": "coef"}                                       -> vocabulary, coefficients, intercept

The model is the reference pipeline: TfidfVectorizer(ngram_range=(1, 2)) + LogisticRegression(C=1),
all other options at their defaults (lbfgs, tol 1e-4, max_iter 100).
"""
import json
import sys
import time
import tracemalloc

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

state = {}


def fit(texts, labels):
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=1).fit(x, labels)
    return vectorizer, model, x


def status_bytes(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def reset_peak_rss():
    """Resets the kernel's peak-RSS mark (Linux) and returns the RSS at that moment, or 0."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return status_bytes("VmRSS")
    except OSError:
        return 0


def handle(req):
    cmd = req["cmd"]
    if cmd == "load":
        state["texts"] = req["texts"]
        state["labels"] = np.array(req["labels"])
        return {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                "python": sys.version.split()[0]}
    texts, labels = state["texts"], state["labels"]
    if cmd == "memory":
        reset_at = reset_peak_rss()
        _, _, x = fit(texts, labels)
        peak = status_bytes("VmHWM") - reset_at if reset_at else None
        tracemalloc.start()
        fit(texts, labels)
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"peak_rss": peak, "traced_peak": traced_peak,
                "matrix_bytes": int(x.data.nbytes + x.indices.nbytes + x.indptr.nbytes),
                "shape": list(x.shape), "nnz": int(x.nnz)}
    if cmd == "fit":
        start, cpu = time.perf_counter(), time.process_time()
        _, model, _ = fit(texts, labels)
        return {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                "iterations": int(model.n_iter_[0])}
    if cmd == "cv":
        accuracies, seconds = [], []
        every = np.arange(len(labels))
        for test in req["folds"]:
            test = np.array(test)
            train = np.setdiff1d(every, test)
            start = time.perf_counter()
            vectorizer, model, _ = fit([texts[i] for i in train], labels[train])
            seconds.append(time.perf_counter() - start)
            predicted = model.predict(vectorizer.transform([texts[i] for i in test]))
            accuracies.append(float(np.mean(predicted == labels[test])))
        return {"accuracies": accuracies, "seconds": seconds}
    if cmd == "coef":
        vectorizer, model, _ = fit(texts, labels)
        return {"vocabulary": vectorizer.get_feature_names_out().tolist(), "coef": model.coef_[0].tolist(),
                "intercept": float(model.intercept_[0])}
    raise ValueError(f"unknown command {cmd!r}")


for line in sys.stdin:
    try:
        reply = handle(json.loads(line))
    except Exception as error:  # the bench prints it and carries on without scikit-learn
        reply = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()

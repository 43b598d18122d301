#!/usr/bin/env python3
"""Extraction on Apache Spark: a corpus in, newsgraph's N-Quads shards out.

The same output as `newsgraph extract CORPUS --format nquads --shard-size N -o OUT` on one
machine (byte for byte when every article reads), made by as many machines as the Spark
cluster has:

1. The driver lists the corpus (any file system Spark reads: a local folder, hdfs://,
   s3a://), keeps the article files (.txt, .text, .md, .markdown, .html, .htm, .xhtml), sorts
   them by path as newsgraph does and gives the first N to shard 0, the next N to shard 1, ...
2. Spark reads the files (`binaryFiles`) and moves each to its shard's task
   (`partitionBy`, one partition per shard).
3. Each task (`mapPartitionsWithIndex`) writes its files into a scratch folder under their
   names in the corpus (a document is named by its path in the corpus), runs the newsgraph
   binary on that folder, and moves the shard it wrote into OUT as `shard-<number>.nq.gz`.
4. The driver writes OUT/manifest.json last (documents, quads and the SHA-256 of each
   shard), so `newsgraph load OUT` checks every shard against it.

The binary and the ontology go to every executor with `SparkContext.addFile`; OUT must be a
folder every executor can write and the driver can read (locally any folder; on a cluster a
shared file system). An article that cannot be read is named on the standard error, its
shard keeps the others, and the job exits with status 1, as `extract` does.

    python bench/spark_extract.py seeds -o shards --shard-size 2          # local[*]
    spark-submit --master spark://head:7077 bench/spark_extract.py \\
        hdfs:///news/2026 -o /mnt/shared/shards --shard-size 1000 \\
        --newsgraph target/release/newsgraph --ontology ontology
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from pyspark import SparkConf, SparkContext, SparkFiles

# Format::EXTENSIONS in src/corpus.rs: the files newsgraph reads as articles.
ARTICLE_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
MANIFEST = "manifest.json"


def corpus_name(root, path):
    """The name of the file at `path` (a URI under the corpus URI `root`): its path in the corpus."""
    return path[len(root) + 1 :]


def path_order(name):
    """The sort key of a corpus name, component by component, as newsgraph sorts paths."""
    return name.split("/")


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    project = os.path.dirname(here)
    p = argparse.ArgumentParser(description="newsgraph extraction on Apache Spark: articles in, N-Quads shards and a manifest out.")
    p.add_argument("corpus", help="folder of articles (a path or a URI Spark reads: hdfs://, s3a://)")
    p.add_argument("-o", "--output", required=True, help="new folder for the shards and manifest.json, shared by every executor")
    p.add_argument("--shard-size", type=int, default=1000, help="articles per shard (default 1000)")
    p.add_argument("--newsgraph", default=os.path.join(project, "target", "release", "newsgraph"), help="the newsgraph binary (default: this checkout's release build)")
    p.add_argument("--ontology", default=os.path.join(project, "ontology"), help="the ontology folder (default: this checkout's)")
    p.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    args = p.parse_args(argv)
    if args.shard_size < 1:
        p.error("--shard-size must be at least 1")
    for path, what in ((args.newsgraph, "binary"), (args.ontology, "ontology folder")):
        if not os.path.exists(path):
            p.error(f"{path}: no such {what}")
    if os.path.exists(args.output) and os.listdir(args.output):
        p.error(f"{args.output}: exists and is not empty")
    return args


def corpus_files(sc, corpus):
    """The corpus's qualified URI, the names of its article files, sorted as newsgraph sorts
    paths (component by component), each name its path relative to the corpus, and the
    errors for hidden ones (a name starting with "." or "_"), which Hadoop's readers skip."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    root_path = jvm.org.apache.hadoop.fs.Path(corpus)
    fs = root_path.getFileSystem(conf)
    root = fs.makeQualified(root_path).toString().rstrip("/")
    names, errors = [], []
    listing = fs.listFiles(root_path, True)
    while listing.hasNext():
        path = listing.next().getPath().toString()
        if not path.lower().endswith(ARTICLE_EXTENSIONS):
            continue
        name = corpus_name(root, path)
        if any(part.startswith((".", "_")) for part in name.split("/")):
            errors.append(f"error: {path}: not read: Spark's file readers skip hidden files (a name starting with '.' or '_')")
        else:
            names.append(name)
    names.sort(key=path_order)
    return root, names, errors


def extract_shard(newsgraph, ontology, root, output, shard_number, files):
    """Runs newsgraph on one shard's files (name, bytes) and puts its shard into `output`;
    returns the shard's manifest entry (None when no article read), the errors newsgraph
    reported, each naming the article by its URI under the corpus `root`, and the names read."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-shard-") as scratch:
        corpus = os.path.join(scratch, "corpus")
        for name, data in files:
            path = os.path.join(corpus, *name.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        out = os.path.join(scratch, "out")
        command = [newsgraph, "--ontology", ontology, "extract", corpus, "--format", "nquads", "--shard-size", str(len(files)), "-o", out]
        run = subprocess.run(command, capture_output=True, text=True)
        manifest_path = os.path.join(out, MANIFEST)
        if not os.path.exists(manifest_path):
            raise RuntimeError(f"newsgraph failed on shard {shard_number} (status {run.returncode}): {run.stderr.strip()}")
        errors = [line.replace(corpus + os.sep, root + "/", 1) for line in run.stderr.splitlines() if line.startswith("error:")]
        with open(manifest_path) as f:
            written = json.load(f)["shards"]
        read = [name for name, _ in files]
        if not written:
            return None, errors, read
        (entry,) = written
        made = os.path.join(out, entry["file"])
        entry["file"] = f"shard-{shard_number:05}.nq.gz"
        shutil.copyfile(made, os.path.join(output, entry["file"]))
        return entry, errors, read


def main(argv):
    args = parse_args(argv)
    conf = SparkConf().setAppName("newsgraph extract").set("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*]")
    if conf.get("spark.master").startswith("local"):
        # Python workers on this machine run the driver's Python (a venv's, with pyspark).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        root, names, errors = corpus_files(sc, args.corpus)
        shards = (len(names) + args.shard_size - 1) // args.shard_size
        os.makedirs(args.output, exist_ok=True)
        output = os.path.abspath(args.output)
        entries = []
        if shards > 0:
            sc.addFile(os.path.abspath(args.newsgraph))
            sc.addFile(os.path.abspath(args.ontology), recursive=True)
            binary_name = os.path.basename(args.newsgraph)
            ontology_name = os.path.basename(os.path.abspath(args.ontology))
            shard_of = sc.broadcast({name: i // args.shard_size for i, name in enumerate(names)})

            def task(shard_number, files):
                newsgraph = SparkFiles.get(binary_name)
                os.chmod(newsgraph, 0o755)
                ordered = sorted(files, key=lambda kv: path_order(kv[0]))
                if ordered:
                    yield extract_shard(newsgraph, SparkFiles.get(ontology_name), root, output, shard_number, ordered)

            def named(kv):
                path, data = kv
                return corpus_name(root, path), data

            sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
            files = sc.binaryFiles(root).map(named).filter(lambda kv: kv[0] in shard_of.value)
            by_shard = files.map(lambda kv: (shard_of.value[kv[0]], kv)).partitionBy(shards, lambda shard: shard).values()
            results = by_shard.mapPartitionsWithIndex(task).collect()
            entries = [entry for entry, _, _ in results if entry is not None]
            errors += [error for _, shard_errors, _ in results for error in shard_errors]
            read = {name for _, _, shard_names in results for name in shard_names}
            errors += [f"error: {root}/{name}: listed but not read (removed while the job ran?)" for name in names if name not in read]
        manifest = {"documents": sum(e["documents"] for e in entries), "quads": sum(e["quads"] for e in entries), "shards": entries}
        with open(os.path.join(output, MANIFEST), "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
    finally:
        sc.stop()
    for error in errors:
        print(error, file=sys.stderr)
    print(f"wrote {manifest['documents']} documents, {manifest['quads']} quads in {len(entries)} shards to {args.output}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

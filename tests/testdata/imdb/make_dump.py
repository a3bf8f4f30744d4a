"""Writes the small IMDb dump fixture of tests/imdb (run: python3 make_dump.py; output is committed).

Every quirk of the format is in it on purpose: a literal " in titles and names, \\N in every column that may
be empty, a movie with two directors, a movie with no principals and no crew, adult and non-movie titles, an
unrated movie and one with too few votes, a tconst repeated in title.basics, and files in different orders.
"""
import gzip, os, random

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dump")
os.makedirs(here, exist_ok=True)
rnd = random.Random(7)
N = "\\N"
basics, ratings, crew, principals, names = [], [], [], [], []
GENRES = ["Drama", "Comedy", "Action", "Horror", "Romance", "Thriller", "Documentary", "Sci-Fi"]

def title(tconst, kind, name, adult, year, runtime, genres):
    basics.append([tconst, kind, name, name, adult, year, N, runtime, genres])

# The quirks, lines 2-10 of title.basics.
title("tt0000001", "movie", '"Weird Al" Yankovic: The Movie', "0", "1990", "95", "Comedy,Music")
ratings.append(["tt0000001", "7.1", "5000"])
crew.append(["tt0000001", "nm0000001,nm0000002", "nm0000003"])
principals += [
    ["tt0000001", "5", "nm0000013", "actor", N, '["Fifth"]'],
    ["tt0000001", "1", "nm0000010", "actor", N, '["Al"]'],
    ["tt0000001", "2", "nm0000011", "actress", N, N],
    ["tt0000001", "3", "nm0000001", "director", N, N],
    ["tt0000001", "4", "nm0000012", "actor", N, '["The \\"Kid\\""]'],
]
title("tt0000002", "movie", 'A lone " quote', "0", N, N, N)
ratings.append(["tt0000002", "6.0", "150"])
title("tt0000003", "movie", "Adult Film", "1", "2001", "80", "Adult")
ratings.append(["tt0000003", "5.5", "900"])
title("tt0000004", "tvEpisode", "Episode 1", "0", "2003", "22", "Comedy")
ratings.append(["tt0000004", "8.0", "1200"])
title("tt0000005", "short", "A Short", "0", "1999", "9", "Short")
ratings.append(["tt0000005", "6.6", "300"])
title("tt0000006", "movie", "Unrated Film", "0", "1980", "100", "Drama")
title("tt0000007", "movie", "Little Seen", "0", "1985", "90", "Drama")
ratings.append(["tt0000007", "9.9", "20"])
title("tt0000008", "tvMovie", "A TV Movie", "0", "1995", "88", "Drama")
ratings.append(["tt0000008", "6.1", "400"])
crew.append(["tt0000008", "nm0000001", N])
title("tt0000001", "movie", "Repeated tconst", "0", "1990", "95", "Comedy")
# Films of director nm0000001 before 1990 (one unrated, one with too few votes, one tvMovie): its
# earlier-film count for tt0000001 is 2 (tt0000006 1980, tt0000007 1985), the tvMovie not being a movie.
crew.append(["tt0000006", "nm0000001", N])
crew.append(["tt0000007", "nm0000001", N])

# 60 plain movies with learnable structure, lines 11-70.
directors = [f"nm00001{d:02d}" for d in range(12)]
actors = [f"nm00002{a:02d}" for a in range(30)]
quality = {p: rnd.gauss(0, 0.8) for p in directors + actors}
for i in range(60):
    tconst = f"tt{1000 + i:07d}"
    year = 1970 + i % 50
    g = ",".join(rnd.sample(GENRES, rnd.randint(1, 3)))
    runtime = N if i % 9 == 0 else str(rnd.randint(75, 170))
    title(tconst, "movie", f"Film {i}", "0", str(year), runtime, g)
    d = directors[i % len(directors)]
    cast = rnd.sample(actors, 3)
    score = 6.2 + quality[d] + sum(quality[a] for a in cast) / 3 + rnd.gauss(0, 0.3)
    ratings.append([tconst, f"{min(10, max(1, score)):.1f}", str(int(100 * 10 ** rnd.uniform(0, 3)))])
    crew.append([tconst, d, N if i % 5 == 0 else f"nm00003{i % 7:02d}"])
    for o, a in enumerate(cast):
        principals.append([tconst, str(o + 1), a, "actress" if o % 2 else "actor", N, f'["Role {o}"]'])
    principals.append([tconst, "4", d, "director", N, N])

people = {
    "nm0000001": 'Ann "Annie" Lee', "nm0000002": "Bo Chan", "nm0000003": "Cy Writer",
    "nm0000010": "Dwayne Johnson Jr.", "nm0000011": "Eve Stone", "nm0000012": N, "nm0000013": "Fay Fifth",
}
for d in directors:
    people[d] = f"Director {d[-2:]}"
for a in actors:
    people[a] = f"Actor {a[-2:]}"
for i in range(7):
    people[f"nm00003{i:02d}"] = f"Writer {i}"
del people["nm0000205"]  # an actor named nowhere: shown by nconst
for nconst, name in people.items():
    names.append([nconst, name, N, N, N if name == N else "actor", N])

rnd.shuffle(principals)  # files need not share an order
ratings.reverse()

def write(name, header, rows):
    text = "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    with open(os.path.join(here, name + ".tsv.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(text.encode("utf-8"))

write("title.basics", ["tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear",
                       "runtimeMinutes", "genres"], basics)
write("title.ratings", ["tconst", "averageRating", "numVotes"], ratings)
write("title.crew", ["tconst", "directors", "writers"], crew)
write("title.principals", ["tconst", "ordering", "nconst", "category", "job", "characters"], principals)
write("name.basics", ["nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"],
      names)

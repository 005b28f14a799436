"""Language models the layers above share: the spaCy pipeline (``claimgraph.nlp.parse``) and
sentence embeddings (``claimgraph.nlp.embed``). The bottom of the stack above model/errors:
it imports nothing else of claimgraph."""

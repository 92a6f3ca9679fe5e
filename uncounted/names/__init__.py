"""Korean and Chinese name normalisation (comparison keys come with the linkage issue).

For now this package holds the reference tables of surnames and given-name syllables that the
simulator writes names from.
"""

"""Built-in widgets (View, Row, Column, Text, Image, Button, Rail, Grid, ...).

Widgets are plain users of `sdk`'s public API, styled through props and a theme
provided by context. This package may import `sdk` and `signals`; never `apps`.
"""

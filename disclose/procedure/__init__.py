"""The procedure as plain Python: no Django, no database.

'Other agency requests for information from children's social care records'
(shared/procedure/). Paragraph numbers: "1" is the introduction (section 1);
"2.1.3" is paragraph 1.3 of section 2 ("Procedure"), as the scenario spec
numbers them. Every decision here says which paragraph it rests on and why.
"""

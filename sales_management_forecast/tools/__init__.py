# Plain Python engines (numpy only): nothing here imports odoo.

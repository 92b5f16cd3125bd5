# Plain Python engines: nothing here imports odoo.

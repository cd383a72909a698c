# A site's own format for English (FORMAT_MODULE_PATH), for test_jinja2.py.
DATETIME_FORMAT = "Y-m-d H:i"

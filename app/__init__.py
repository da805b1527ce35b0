"""Hotline Desk (热线工作台): the 12345 operator's workbench."""

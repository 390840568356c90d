"""The writing pages' components: aids beside the editor, a round's criteria."""

# The communes, postcodes and geocoder cache moved here from the directory: their
# tables keep their names, so this only tells Django's state (no SQL), and the
# content types follow (Wagtail's search index and permissions point at them).

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


MOVED = ("commune", "postcode", "geocodedaddress")


def _move_content_types(apps, schema_editor, source="directory", target="places"):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=source, model__in=MOVED).update(
        app_label=target
    )


def _move_content_types_back(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="places", target="directory")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0004_antenna_receives_public"),
    ]

    operations = [
        migrations.RunPython(_move_content_types, _move_content_types_back),
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='Commune',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('refnis', models.CharField(max_length=5, unique=True, verbose_name='REFNIS code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('name_fr', models.CharField(max_length=100, null=True, verbose_name='name')),
                ('name_nl', models.CharField(max_length=100, null=True, verbose_name='name')),
                ('name_de', models.CharField(blank=True, max_length=100, verbose_name='name in German')),
                ('slug', models.SlugField(max_length=100, verbose_name='slug')),
                ('slug_fr', models.SlugField(max_length=100, null=True, verbose_name='slug')),
                ('slug_nl', models.SlugField(max_length=100, null=True, verbose_name='slug')),
                ('region', models.CharField(choices=[('brussels', 'Brussels-Capital Region'), ('wallonia', 'Walloon Region'), ('flanders', 'Flemish Region')], max_length=10, verbose_name='region')),
                ('province', models.CharField(blank=True, max_length=60, verbose_name='province')),
                ('province_fr', models.CharField(blank=True, max_length=60, null=True, verbose_name='province')),
                ('province_nl', models.CharField(blank=True, max_length=60, null=True, verbose_name='province')),
                ('latitude', models.FloatField(verbose_name='latitude')),
                ('longitude', models.FloatField(verbose_name='longitude')),
                ('centroid_source', models.CharField(blank=True, max_length=200, verbose_name='centroid source')),
            ],
            options={
                'verbose_name': 'commune',
                'verbose_name_plural': 'communes',
                'db_table': 'directory_commune',
                'ordering': ['name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='GeocodedAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=300, unique=True, verbose_name='query')),
                ('provider', models.CharField(max_length=20, verbose_name='provider')),
                ('latitude', models.FloatField(blank=True, null=True, verbose_name='latitude')),
                ('longitude', models.FloatField(blank=True, null=True, verbose_name='longitude')),
                ('precision', models.CharField(choices=[('address', 'Address'), ('street', 'Street'), ('postcode', 'Postcode'), ('commune', 'Commune'), ('none', 'Not located')], default='none', max_length=10, verbose_name='precision')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'geocoded address',
                'verbose_name_plural': 'geocoded addresses',
                'db_table': 'directory_geocodedaddress',
            },
        ),
        migrations.CreateModel(
            name='Postcode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(db_index=True, max_length=4, verbose_name='postcode')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='postcodes', to='places.commune', verbose_name='commune')),
            ],
            options={
                'verbose_name': 'postcode',
                'verbose_name_plural': 'postcodes',
                'db_table': 'directory_postcode',
                'ordering': ['code'],
                'constraints': [models.UniqueConstraint(fields=('code', 'commune'), name='unique_postcode_commune')],
            },
        ),
    ])
    ]
